// Loads the built-in questionnaires and those in FINSAM_SURVEYS_DIR.
import { loadSurveys, type SurveyRegistry } from '../../surveys/loader.js';
import type { Config } from '../config.js';
import { projectPath } from '../paths.js';

export function loadConfiguredSurveys(config: Pick<Config, 'surveysDir'>): SurveyRegistry {
  const dirs = [projectPath('surveys')];
  if (config.surveysDir) dirs.push(config.surveysDir);
  return loadSurveys(dirs);
}
