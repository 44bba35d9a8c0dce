-- Large N-Triples texts of the audit log (a first national-scale import writes some 230 MB of
-- them) are kept LZ4-compressed in these columns instead of before_nt / after_nt; the code
-- reading the log gives them back as text. Texts under 1 KiB stay plain.
ALTER TABLE audit_log ADD COLUMN before_nt_lz4 BLOB;
ALTER TABLE audit_log ADD COLUMN after_nt_lz4 BLOB;
