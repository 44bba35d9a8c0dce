DROP TABLE proposal_comments;
DROP TABLE proposals;
