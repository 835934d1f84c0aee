const KEY = 'cxloop.anonymousId';
const USER = 'cxloop.customerId';
const HASH = 'cxloop.userHash';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // private modes and sandboxed frames may refuse storage
  }
}

export function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The visitor's ids: an anonymous id kept in the browser, and the customer id once identified. */
export class Identity {
  private memory: Record<string, string> = {};

  private get(key: string): string | undefined {
    return storage()?.getItem(key) ?? this.memory[key];
  }

  private set(key: string, value: string) {
    this.memory[key] = value;
    storage()?.setItem(key, value);
  }

  get anonymousId(): string {
    let id = this.get(KEY);
    if (!id) {
      id = randomId();
      this.set(KEY, id);
    }
    return id;
  }

  get customerId(): string | undefined {
    return this.get(USER);
  }

  set customerId(id: string | undefined) {
    if (id) this.set(USER, id);
  }

  /** The site backend's HMAC of the customer id; without it, surveys are asked for the anonymous id only. */
  get userHash(): string | undefined {
    return this.get(HASH);
  }

  set userHash(hash: string | undefined) {
    if (hash) this.set(HASH, hash);
    else {
      delete this.memory[HASH];
      storage()?.removeItem(HASH);
    }
  }
}
