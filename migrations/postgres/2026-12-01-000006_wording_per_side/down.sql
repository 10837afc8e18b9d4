ALTER TABLE form_questions DROP COLUMN manager_help_en;
ALTER TABLE form_questions DROP COLUMN manager_help_id;
ALTER TABLE form_questions DROP COLUMN manager_prompt_en;
ALTER TABLE form_questions DROP COLUMN manager_prompt_id;
ALTER TABLE form_sections DROP COLUMN manager_help_en;
ALTER TABLE form_sections DROP COLUMN manager_help_id;
ALTER TABLE form_sections DROP COLUMN manager_title_en;
ALTER TABLE form_sections DROP COLUMN manager_title_id;
