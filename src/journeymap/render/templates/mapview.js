(function () {
  "use strict";
  // Zoom and pan for the map page. Reads geometry only (sizes, scroll offsets, the numbers
  // in --w and --h): no text of the map ever reaches this script.
  var view = document.querySelector(".viewport");
  var sheet = view && view.querySelector(".sheet");
  if (!sheet) { return; }
  var width = parseFloat(getComputedStyle(view).getPropertyValue("--w")) || 1;
  var bar = document.querySelector(".zoom");
  var level = document.querySelector(".zoom-level");
  var overview = document.querySelector(".overview");
  var lens = overview && overview.querySelector(".lens");
  var zoom = 1;
  var MIN = 0.1, MAX = 4, FIRST_MIN = 0.5;

  function clamp(value, low, high) { return Math.min(high, Math.max(low, value)); }

  function fit() { return clamp((view.clientWidth - 2) / width, MIN, 1); }

  function setZoom(next, x, y) {
    next = clamp(next, MIN, MAX);
    var px = x === undefined ? view.clientWidth / 2 : x;
    var py = y === undefined ? view.clientHeight / 2 : y;
    var left = (view.scrollLeft + px) / zoom, top = (view.scrollTop + py) / zoom;
    zoom = next;
    sheet.style.zoom = String(zoom);
    view.scrollLeft = left * zoom - px;
    view.scrollTop = top * zoom - py;
    if (level) { level.value = Math.round(zoom * 100) + "%"; }
    update();
  }

  function update() {
    if (!overview) { return; }
    var wide = view.scrollWidth > view.clientWidth + 1 || view.scrollHeight > view.clientHeight + 1;
    overview.hidden = !wide;
    if (!wide || !lens) { return; }
    var w = view.scrollWidth, h = view.scrollHeight;
    lens.style.left = (100 * view.scrollLeft / w) + "%";
    lens.style.top = (100 * view.scrollTop / h) + "%";
    lens.style.width = (100 * view.clientWidth / w) + "%";
    lens.style.height = (100 * view.clientHeight / h) + "%";
  }

  function point(event) {
    var box = view.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  }

  var actions = {
    "in": function () { setZoom(zoom * 1.25); },
    "out": function () { setZoom(zoom / 1.25); },
    "fit": function () { setZoom(fit()); },
    "one": function () { setZoom(1); }
  };

  if (bar) {
    bar.hidden = false;
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-zoom]");
      if (button) { actions[button.getAttribute("data-zoom")](); }
    });
  }

  view.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var keys = { "+": "in", "=": "in", "-": "out", "_": "out", "0": "fit", "1": "one" };
    var action = keys[event.key];
    if (action) { event.preventDefault(); actions[action](); }
  });

  view.addEventListener("wheel", function (event) {
    if (!event.ctrlKey && !event.metaKey) { return; }
    event.preventDefault();
    var at = point(event);
    setZoom(zoom * Math.exp(-event.deltaY * 0.002), at[0], at[1]);
  }, { passive: false });

  // Drag with the mouse or pen to pan; touch pans natively, two fingers pinch to zoom.
  var pointers = {};
  var pinch = 0;
  function distance() {
    var ids = Object.keys(pointers);
    if (ids.length !== 2) { return 0; }
    var a = pointers[ids[0]], b = pointers[ids[1]];
    return Math.hypot(a[0] - b[0], a[1] - b[1]);
  }
  view.addEventListener("pointerdown", function (event) {
    if (event.pointerType === "mouse" && event.button !== 0) { return; }
    pointers[event.pointerId] = [event.clientX, event.clientY];
    pinch = distance();
    if (event.pointerType !== "touch") {
      view.setPointerCapture(event.pointerId);
      view.classList.add("dragging");
    }
  });
  view.addEventListener("pointermove", function (event) {
    var last = pointers[event.pointerId];
    if (!last) { return; }
    pointers[event.pointerId] = [event.clientX, event.clientY];
    if (pinch) {
      var now = distance();
      if (now) {
        var at = point(event);
        setZoom(zoom * now / pinch, at[0], at[1]);
        pinch = now;
      }
    } else if (event.pointerType !== "touch") {
      view.scrollLeft -= event.clientX - last[0];
      view.scrollTop -= event.clientY - last[1];
    }
  });
  function release(event) {
    delete pointers[event.pointerId];
    pinch = distance();
    if (!Object.keys(pointers).length) { view.classList.remove("dragging"); }
  }
  view.addEventListener("pointerup", release);
  view.addEventListener("pointercancel", release);

  view.addEventListener("scroll", update, { passive: true });
  window.addEventListener("resize", update);

  if (overview) {
    var steer = function (event) {
      if (event.buttons !== 1 && event.type !== "pointerdown") { return; }
      var box = overview.getBoundingClientRect();
      var fx = (event.clientX - box.left) / box.width, fy = (event.clientY - box.top) / box.height;
      view.scrollLeft = fx * view.scrollWidth - view.clientWidth / 2;
      view.scrollTop = fy * view.scrollHeight - view.clientHeight / 2;
    };
    overview.addEventListener("pointerdown", function (event) {
      overview.setPointerCapture(event.pointerId);
      steer(event);
    });
    overview.addEventListener("pointermove", steer);
  }

  setZoom(Math.max(fit(), FIRST_MIN), 0, 0);
  var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && sheet.contains(target)) {
    target.scrollIntoView({ block: "center", inline: "center" });
  }
  window.addEventListener("hashchange", function () {
    var spot = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (spot && sheet.contains(spot)) { spot.scrollIntoView({ block: "center", inline: "center" }); }
  });
})();
