import { configSchema, type Config } from '../../platform/config.ts';

/**
 * Survey delivery settings: the `surveys` section of the one config schema (platform/config.ts),
 * parsed from the environment once at start-up and passed down. Nothing below reads the environment.
 */
export const surveyConfigSchema = configSchema.shape.surveys;
export type SurveyConfig = Config['surveys'];
export const DEFAULT_SURVEY_CONFIG: SurveyConfig = surveyConfigSchema.parse({});
