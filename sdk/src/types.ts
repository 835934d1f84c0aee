/** The shapes the SDK exchanges with the cxloop server (see /openapi.json). */
export interface Options {
  /** The workspace's ingest key: write-only, safe in a page. */
  key: string;
  /** Where cxloop runs, e.g. https://cx.example.com; defaults to the origin the script came from. */
  host?: string;
  /** Check for in-page surveys after each track call (default true). */
  surveys?: boolean;
}

export interface Question {
  id: string;
  kind: 'nps' | 'csat' | 'ces' | 'rating' | 'single' | 'multiple' | 'text';
  text: string;
  required: boolean;
  scale?: { min: number; max: number };
  ends?: [string, string] | null;
  options?: { id: string; label: string }[];
  maxLength?: number;
}

export interface PendingSurvey {
  token: string;
  survey: { id: string; name: string; language: string; thankYou: string; questions: Question[] };
  next: string | null;
}

export interface Progress {
  next: string | null;
  completed: boolean;
}
