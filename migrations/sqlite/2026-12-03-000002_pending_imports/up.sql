-- Files uploaded on the import page, kept between the preview and the editor's confirmation
-- (in the database, so that any server behind a load balancer can confirm). Removed when
-- confirmed, and an hour after they were uploaded.
CREATE TABLE pending_imports (
    id TEXT PRIMARY KEY NOT NULL,
    editor TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    prune INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
