-- A registrar's token is bound to one registration authority (its organisationsnummer,
-- NNNNNN-NNNN) and may change that authority's status of an item only. NULL: the publisher
-- (the tokens made before this column, and editors and regions, who register nothing).
ALTER TABLE api_tokens ADD COLUMN authority TEXT;
