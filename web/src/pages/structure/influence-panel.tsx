import { useState } from 'preact/hooks';
import { structural } from '../../api/endpoints.ts';
import type { InfluenceInput } from '../../api/types.ts';
import { ResourceView } from '../../components/resource-view.tsx';
import { download, influenceToCsv, parseInfluenceText } from '../../lib/matrix-text.ts';
import { useResource } from '../../lib/use-resource.ts';
import { useStoredText } from '../../lib/use-stored-text.ts';
import { useQueryChoice } from '../../lib/url-state.ts';
import { DematelView } from './dematel-view.tsx';
import { RETAIL_INFLUENCE } from './examples.ts';
import { MatrixEditor } from './matrix-editor.tsx';
import { MicmacView } from './micmac-view.tsx';

const THRESHOLDS = ['mean', 'median', 'midpoint'] as const;

/** MICMAC and DEMATEL share one influence matrix: edit it once, read both analyses. */
export function InfluencePanel({ analysis }: { analysis: 'micmac' | 'dematel' }) {
  const example = influenceToCsv(RETAIL_INFLUENCE);
  const [text, setText] = useStoredText('cxloop.influence-matrix', example);
  const initial = parseInfluenceText(text);
  const [input, setInput] = useState<InfluenceInput | null>(initial.ok ? initial.input : null);
  const [parseError, setParseError] = useState<string | null>(initial.ok ? null : initial.message);
  const [threshold, setThreshold] = useQueryChoice('threshold', THRESHOLDS, 'mean');

  const submit = () => {
    const parsed = parseInfluenceText(text);
    setParseError(parsed.ok ? null : parsed.message);
    // The same matrix again keeps its result rather than asking the server twice.
    if (parsed.ok && JSON.stringify(parsed.input) !== JSON.stringify(input)) setInput(parsed.input);
  };

  return (
    <div class="influence-panel">
      <MatrixEditor
        id="influence"
        label="Influence matrix (rows influence columns)"
        help={
          <>
            CSV with a header row and column of names (blank = 0, <code>P</code> = potential influence), or
            JSON <code>{'{"variables": [...], "matrix": [[...]]}'}</code>. Scores are usually 0 (none) to 3
            (strong).
          </>
        }
        text={text}
        onText={setText}
        onExample={() => setText(example)}
        onSubmit={submit}
        accept=".csv,.json,.txt,text/csv,application/json"
        error={parseError}
      >
        {input && (
          <>
            <button
              type="button"
              onClick={() => download('influence-matrix.csv', influenceToCsv(input), 'text/csv')}
            >
              Download CSV
            </button>
            <button
              type="button"
              onClick={() =>
                download('influence-matrix.json', JSON.stringify(input, null, 2), 'application/json')
              }
            >
              Download JSON
            </button>
          </>
        )}
      </MatrixEditor>
      {input &&
        (analysis === 'micmac' ? (
          <MicmacResults input={input} threshold={threshold} onThreshold={setThreshold} />
        ) : (
          <DematelResults input={input} />
        ))}
    </div>
  );
}

function MicmacResults({
  input,
  threshold,
  onThreshold,
}: {
  input: InfluenceInput;
  threshold: (typeof THRESHOLDS)[number];
  onThreshold: (value: (typeof THRESHOLDS)[number]) => void;
}) {
  const result = useResource(
    (signal) => structural.micmac({ ...input, threshold }, signal),
    [input, threshold],
  );
  return (
    <>
      <label class="inline-control">
        Quadrant threshold
        <select
          value={threshold}
          onChange={(e) => onThreshold(e.currentTarget.value as (typeof THRESHOLDS)[number])}
        >
          {THRESHOLDS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <ResourceView resource={result} label="the MICMAC analysis">
        {(data) => <MicmacView input={input} result={data} />}
      </ResourceView>
    </>
  );
}

function DematelResults({ input }: { input: InfluenceInput }) {
  const result = useResource((signal) => structural.dematel(input, signal), [input]);
  return (
    <ResourceView resource={result} label="the DEMATEL analysis">
      {(data) => <DematelView result={data} />}
    </ResourceView>
  );
}
