m-- miglint-ignore-file sql-transaction-control: runs through mysql2
CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 1; END IF; END;
--> statement-breakpoint
ALTER TABLE `t` ADD `c` int NOT NULL; # hash comment
