"""`journeymap lsp`: a language server for journey maps over stdio (pygls and lsprotocol).

Modules: `server` wires the protocol to the features; `workspace` keeps the documents;
`checking` runs the pipeline for diagnostics; `completion`, `hover`, `navigation`,
`rename` and `actions` answer requests from `symbols` (the ids of each map, with offsets);
`preview` opens the live `serve` page. Nothing here writes to stdout but the protocol.
"""
