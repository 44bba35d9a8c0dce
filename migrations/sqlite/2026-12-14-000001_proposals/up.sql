-- Improvement proposals (issue 14, seed 004's "föreslagen mall för variabelförbättring"): a
-- proposal concerns one item (a variable or a codebook), holds its changes field by field as
-- a JSON object keyed by the API's field keys, why, and the proposing organisation; its status
-- moves utkast → öppen → under beredning → beslutad | avslagen. `revision` grows by one with
-- every change (the proposal's ETag); `applied_version` is the item version an applied
-- proposal produced. Comments are dated, each with its author.
CREATE TABLE proposals (
    id INTEGER PRIMARY KEY NOT NULL,
    item_kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    changes TEXT NOT NULL,
    motivation TEXT NOT NULL,
    proposer TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision BIGINT NOT NULL,
    applied_version TEXT,
    applied_at TEXT
);
CREATE INDEX proposals_item ON proposals (item_kind, item_id);
CREATE TABLE proposal_comments (
    id INTEGER PRIMARY KEY NOT NULL,
    proposal_id BIGINT NOT NULL REFERENCES proposals (id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT,
    body TEXT NOT NULL
);
CREATE INDEX proposal_comments_proposal ON proposal_comments (proposal_id);
