-- Each section and question reads in the voice of the person reading it:
-- the existing columns are what the employee reads, these are what the
-- manager reads. Empty means "the same as the employee's wording".
ALTER TABLE form_sections ADD COLUMN manager_title_id TEXT NOT NULL DEFAULT '';
ALTER TABLE form_sections ADD COLUMN manager_title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE form_sections ADD COLUMN manager_help_id TEXT NOT NULL DEFAULT '';
ALTER TABLE form_sections ADD COLUMN manager_help_en TEXT NOT NULL DEFAULT '';
ALTER TABLE form_questions ADD COLUMN manager_prompt_id TEXT NOT NULL DEFAULT '';
ALTER TABLE form_questions ADD COLUMN manager_prompt_en TEXT NOT NULL DEFAULT '';
ALTER TABLE form_questions ADD COLUMN manager_help_id TEXT NOT NULL DEFAULT '';
ALTER TABLE form_questions ADD COLUMN manager_help_en TEXT NOT NULL DEFAULT '';
-- A question only the manager answers was already written for the manager.
-- Copying it changes nothing anyone reads, frozen templates included. Questions
-- both sides answer stay empty here: `defaults::ensure` gives the built-in
-- ones their manager wording, and HR writes the others in the editor.
UPDATE form_questions
   SET manager_prompt_id = prompt_id, manager_prompt_en = prompt_en,
       manager_help_id = help_id, manager_help_en = help_en
 WHERE side = 'manager';
