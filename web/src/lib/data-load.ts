import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { dataLoad } from '../api/endpoints.ts';
import type { DataLoad } from '../api/types.ts';

/** How often the banner asks while a load runs: often enough to move, rare enough to cost nothing. */
const POLL_MS = 1500;
/** Pages load again each time this much more of the data has landed (and once at the end). */
const REFRESH_STEP = 0.1;

export interface DataLoadState {
  /** The workspace's background load, or null when the server runs none. */
  load: DataLoad | null;
  /** Changes each time enough new data has landed that pages should load again. */
  epoch: number;
}

export const DataLoadContext = createContext<DataLoadState>({ load: null, epoch: 0 });

export const useDataLoad = () => useContext(DataLoadContext);

/**
 * Follows the workspace's background load (GET /v1/data-load): asks every 1.5 s while it runs and
 * stops asking when it has ended. `epoch` moves at every tenth and at the end, so the pages fill
 * in as the data lands instead of showing the first seconds' numbers until a reload.
 */
export function useDataLoadPolling(): DataLoadState {
  const [state, setState] = useState<DataLoadState & { shown: number }>({ load: null, epoch: 0, shown: 0 });
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      dataLoad(controller.signal).then(
        ({ load }) => {
          setState((previous) => {
            const landed =
              load !== null &&
              (load.state !== 'loading'
                ? previous.load?.state === 'loading'
                : load.share >= previous.shown + REFRESH_STEP);
            return {
              load,
              epoch: landed ? previous.epoch + 1 : previous.epoch,
              shown: landed && load ? load.share : previous.shown,
            };
          });
          if (load?.state === 'loading') timer = setTimeout(ask, POLL_MS);
        },
        // A server without the route, or a passing failure: no banner, and no more asking.
        () => undefined,
      );
    };
    ask();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, []);
  return { load: state.load, epoch: state.epoch };
}
