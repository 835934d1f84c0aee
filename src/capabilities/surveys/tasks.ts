import { parseBody } from '../../core/ingest/request.ts';
import { InputError } from '../../core/issues.ts';
import { illFormedIssue } from '../../core/ingest/well-formed.ts';
import type { Survey } from '../../core/surveys/schema.ts';
import { parseSurvey } from '../../core/surveys/validate.ts';
import { defineTask } from '../../platform/workers/task.ts';
import { parseSurveyText } from './definitions.ts';

/**
 * The largest YAML survey definition accepted over HTTP. The largest valid survey (30 questions,
 * 20 languages, 20 triggers) is far smaller, and YAML parsing is slow: 4 MB took 11-33 s and up to
 * 3.9 GB, so a bigger body is refused before any parsing (413 naming the body).
 */
export const SURVEY_YAML_MAX_BYTES = 256 * 1024;

const decoder = new TextDecoder();

export interface SurveyBody {
  body: Uint8Array;
  format: 'yaml' | 'json';
  /** The id from the URL, which the body may leave out. */
  id: string;
  /** The workspace's touchpoint ids, which the survey's touchpoints must be among. */
  touchpoints: string[];
}

/**
 * Parses and validates a survey definition body in a worker. Only the validated survey (small by
 * its schema) comes back, so a large or deeply nested body never costs the serving thread anything.
 */
export const readSurveyTask = defineTask('surveys.read-definition', (input: SurveyBody): Survey => {
  const text = decoder.decode(input.body);
  // JSON keeps the ingest codes (empty_body, malformed_json) it always answered with.
  const data = input.format === 'yaml' ? parseSurveyText(text, 'yaml') : parseBody(text);
  // YAML escapes ("\ud800") reach lone surrogates too; parseBody already refused them in JSON.
  const illFormed = input.format === 'yaml' ? illFormedIssue(data) : null;
  if (illFormed) throw new InputError([illFormed], 'ill_formed_unicode');
  const object =
    data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  // PUT /v1/surveys/A with {"id": "B"} once created B: the URL names the survey, a body may only agree.
  if (object && object.id !== undefined && object.id !== input.id)
    throw new InputError([
      {
        path: 'id',
        code: 'id_mismatch',
        message: `the body's id ${JSON.stringify(object.id)} is not the id in the URL, "${input.id}"`,
      },
    ]);
  const withId = object ? { ...object, id: input.id } : data;
  const result = parseSurvey(withId, new Set(input.touchpoints));
  if (!result.ok) throw new InputError(result.issues);
  return result.survey;
});
