/** The formats `cxloop report` prints, apart from the printer so that declaring the command loads no report code. */
export type ReportFormat = 'json' | 'table' | 'csv';
export const REPORT_FORMATS: ReportFormat[] = ['json', 'table', 'csv'];
