"""`journeymap lsp`: a language server for journey maps over stdio (pygls and lsprotocol).

`server` wires the protocol (documents, debounced diagnostics) and `features` the
requests; `workspace` keeps the documents and the project's files; `checking` runs the
pipeline for diagnostics; `symbols` indexes the ids of a map with their offsets, `scope`
says which ids name the same thing; `completion`, `hover`, `navigation`, `rename` and
`actions` answer from them, `schema_facts` from the schema, `positions` converts offsets,
`preview` opens the live `serve` page. Nothing here writes to stdout but the protocol.
"""
