import { readSurveyTask } from './surveys/tasks.ts';
import { cibTask, dematelTask, micmacTask } from './understand/structural/tasks.ts';
import { monteCarloTask } from './understand/what-if/tasks.ts';

/**
 * Every task the worker pool serves. The pool's threads load this module (by its URL, which works
 * from the sources and from compiled JavaScript alike), so a capability's new task is one line here.
 */
export const tasks = [micmacTask, dematelTask, cibTask, monteCarloTask, readSurveyTask];

export const TASKS_MODULE = import.meta.url;
