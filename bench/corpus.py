"""Generates the benchmark corpus: N realistic maps of S steps each (default 1,000 x 40, ~17 KB).

    python bench/corpus.py --out bench/corpus --maps 1000 --steps 40

The output is deterministic for given arguments, so runs on different machines compare.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

PHASES = ["awareness", "consideration", "conversion", "retention", "advocacy"]
CHANNELS = ["web", "app", "email", "phone", "chat", "social", "ads", "store", "mail", "loyalty"]
VERBS = [
    "Opens",
    "Compares",
    "Reads",
    "Asks about",
    "Checks",
    "Chooses",
    "Pays for",
    "Tracks",
    "Returns",
    "Rates",
    "Shares",
    "Cancels",
    "Renews",
    "Searches for",
    "Reviews",
]
OBJECTS = [
    "the delivery options",
    "the price plan",
    "the size guide",
    "a support article",
    "the order status",
    "the loyalty points",
    "the invoice",
    "a product review",
    "the return label",
    "the mobile app",
    "the store opening hours",
    "the warranty terms",
]
THOUGHTS = [
    "Why is this so slow?",
    "I hope this fits my budget.",
    "Where do I find the total?",
    "This was easier than I expected.",
    "Do they really deliver on Saturday?",
    "I'd rather talk to a person.",
    "Can I trust these reviews?",
    "Finally, that worked.",
]
PAINS = [
    "Shipping costs appear only at the last step",
    "The form forgets entered data on error",
    "No live chat outside office hours",
    "Tracking page shows stale status",
    "Password reset email arrives late",
    "Size chart uses a different standard",
]
FEELINGS = ["Curious", "Annoyed", "Relieved", "Unsure", "Pleased", "Impatient"]
OWNERS = ["web-team", "mobile-team", "support", "logistics", "marketing", "payments"]


def step_yaml(rng: random.Random, index: int) -> str:
    verb, obj, channel = rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(CHANNELS)
    emotion = rng.randint(-2, 2)
    lines = [
        f"      - id: step-{index}",
        f"        action: {verb} {obj}, visit {index}",
        f"        touchpoints: [{{channel: {channel}, name: {obj.capitalize()}}}]",
        f'        thoughts: ["{rng.choice(THOUGHTS)}"]',
        f"        emotion: {emotion}",
    ]
    if index % 2 == 0:
        lines.append(f'        questions: ["Is {obj} up to date?"]')
    else:
        lines.append(f"        motivations: [Get {obj} sorted before the weekend]")
        lines.append(f"        feeling: {rng.choice(FEELINGS)}")
    if emotion < 0:
        lines += [
            "        pain_points:",
            f"          - {{id: pain-{index}, text: {rng.choice(PAINS)},"
            f" severity: {rng.randint(1, 5)}, owner: {rng.choice(OWNERS)}}}",
            "        opportunities:",
            f"          - {{id: idea-{index}, text: Show {obj} earlier,"
            f" owner: {rng.choice(OWNERS)}, addresses: [pain-{index}]}}",
        ]
    lines.append(f"        metrics: {{completion_rate: {rng.randint(50, 99) / 100}}}")
    if index % 9 == 0:
        lines.append("        moment_of_truth: true")
    return "\n".join(lines)


def map_yaml(number: int, steps: int) -> str:
    rng = random.Random(number)
    out = [
        "# yaml-language-server: $schema=../../schemas/journeymap.schema.json",
        "journeymap: 1",
        "kind: current-state",
        f"id: journey-{number:04d}",
        f"title: Benchmark journey {number}",
        "locale: en",
        "persona: {name: Bench Persona, role: Frequent online shopper}",
        "scenario: Buys, tracks and returns an order across web, app and store",
        "goals: [Find where customers drop off, Rank pain points by severity]",
        "stages:",
    ]
    per_stage = max(1, steps // len(PHASES))
    index = 0
    for phase_number, phase in enumerate(PHASES):
        count = per_stage if phase_number < len(PHASES) - 1 else steps - index
        if count <= 0:
            break
        out += [f"  - id: {phase}", "    steps:"]
        for _ in range(count):
            out.append(step_yaml(rng, index))
            index += 1
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("bench/corpus"))
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=40)
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    total = 0
    for number in range(args.maps):
        text = map_yaml(number, args.steps)
        (args.out / f"journey-{number:04d}.yaml").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    print(
        f"wrote {args.maps} maps of {args.steps} steps to {args.out}"
        f" ({total / args.maps / 1024:.1f} KB each)"
    )


if __name__ == "__main__":
    main()
