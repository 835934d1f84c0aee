import type { ComponentChildren } from 'preact';

/**
 * A matrix as text: paste it, upload a CSV or JSON file, or start from the example; the page
 * sends it to the analysis when asked. Parsing happens on submit, where errors are shown.
 */
export function MatrixEditor({
  id,
  label,
  help,
  text,
  onText,
  onExample,
  onSubmit,
  accept,
  error,
  children,
}: {
  id: string;
  label: string;
  help: ComponentChildren;
  text: string;
  onText: (text: string) => void;
  onExample: () => void;
  onSubmit: () => void;
  accept: string;
  error: string | null;
  children?: ComponentChildren;
}) {
  const upload = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (file) onText(await file.text());
  };
  return (
    <form
      class="matrix-editor"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <label for={`${id}-text`}>{label}</label>
      <textarea
        id={`${id}-text`}
        rows={8}
        spellcheck={false}
        value={text}
        onInput={(e) => onText(e.currentTarget.value)}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
      />
      <p id={`${id}-help`} class="help">
        {help}
      </p>
      {error && (
        <p id={`${id}-error`} class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="editor-actions">
        <label class="file-button">
          Upload a file
          <input type="file" accept={accept} onChange={upload} />
        </label>
        <button type="button" onClick={onExample}>
          Load the example
        </button>
        {children}
        <button type="submit" class="primary">
          Analyse
        </button>
      </div>
    </form>
  );
}
