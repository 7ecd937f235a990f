-- Running totals per round, question, value and gender, kept by triggers in the same transaction as
-- the answers themselves. Indicator reports then sum a table whose size does not grow with the number
-- of responses (a few hundred rows per round) instead of grouping millions of answers.
CREATE TABLE answer_totals (
  round_id    INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  value       TEXT NOT NULL,
  gender      TEXT NOT NULL,
  n           INTEGER NOT NULL,
  PRIMARY KEY (round_id, question_id, value, gender)
) WITHOUT ROWID;

CREATE TABLE response_totals (
  round_id INTEGER NOT NULL,
  gender   TEXT NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (round_id, gender)
) WITHOUT ROWID;

INSERT INTO answer_totals (round_id, question_id, value, gender, n)
  SELECT round_id, question_id, value, gender, COUNT(*) FROM answers GROUP BY round_id, question_id, value, gender;
INSERT INTO response_totals (round_id, gender, n)
  SELECT round_id, gender, COUNT(*) FROM responses GROUP BY round_id, gender;

CREATE TRIGGER answers_total_insert AFTER INSERT ON answers BEGIN
  INSERT INTO answer_totals (round_id, question_id, value, gender, n) VALUES (NEW.round_id, NEW.question_id, NEW.value, NEW.gender, 1)
  ON CONFLICT (round_id, question_id, value, gender) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER answers_total_delete AFTER DELETE ON answers BEGIN
  UPDATE answer_totals SET n = n - 1
   WHERE round_id = OLD.round_id AND question_id = OLD.question_id AND value = OLD.value AND gender = OLD.gender;
END;
CREATE TRIGGER responses_total_insert AFTER INSERT ON responses BEGIN
  INSERT INTO response_totals (round_id, gender, n) VALUES (NEW.round_id, NEW.gender, 1)
  ON CONFLICT (round_id, gender) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER responses_total_delete AFTER DELETE ON responses BEGIN
  UPDATE response_totals SET n = n - 1 WHERE round_id = OLD.round_id AND gender = OLD.gender;
END;
