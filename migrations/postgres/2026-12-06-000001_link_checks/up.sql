-- Results of `varcat linkcheck`: each link the feeds name (accessURL, downloadURL,
-- landingPage, conformsTo, foaf:page, endpointDescription), whether it answered, and when.
-- One check writes one batch with the same checked_at; readers take the latest batch.
CREATE TABLE link_checks (
    id BIGSERIAL PRIMARY KEY,
    checked_at TEXT NOT NULL,
    url TEXT NOT NULL,
    -- The property that names it, e.g. dcat:downloadURL.
    property TEXT NOT NULL,
    -- The resource that names it (a dataset, distribution, service …).
    subject TEXT NOT NULL,
    status INTEGER,
    error TEXT,
    ok BOOLEAN NOT NULL
);
CREATE INDEX link_checks_batch ON link_checks (checked_at);
