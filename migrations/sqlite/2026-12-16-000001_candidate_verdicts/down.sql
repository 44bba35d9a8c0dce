DROP TABLE candidate_verdicts;
