import { useState } from 'preact/hooks';

/**
 * Text kept in this tab's session storage: a matrix someone pasted survives a reload or a visit
 * to another page, but is never sent anywhere or kept after the tab closes.
 */
export function useStoredText(key: string, initial: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => {
    try {
      return sessionStorage.getItem(key) ?? initial;
    } catch {
      return initial;
    }
  });
  const update = (next: string) => {
    setText(next);
    try {
      sessionStorage.setItem(key, next);
    } catch {
      // Storage full or disabled: the text still lives in this page.
    }
  };
  return [text, update];
}
