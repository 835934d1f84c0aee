import type { Random } from './random.ts';
import { ACQUISITION, type Acquisition } from './rates.ts';

const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Sofia', 'Mateo', 'Amara', 'Yuki',
  'Leon', 'Hannah', 'Chloe', 'Arjun', 'Priya', 'Jonas', 'Elena', 'Omar', 'Fatima', 'Daniel', 'Grace',
  'Hugo', 'Ines', 'Kofi', 'Lena', 'Marco', 'Nora', 'Oscar', 'Ruth', 'Samir', 'Tara', 'Victor', 'Zoe',
]; // prettier-ignore
const LAST_NAMES = [
  'Smith', 'Garcia', 'Müller', 'Johnson', 'Martin', 'Rossi', 'Nguyen', 'Kowalski', 'Brown', 'Dubois',
  'Silva', 'Patel', 'Kim', 'Jensen', 'Novak', 'Okafor', 'Larsen', 'Schmidt', 'Lopez', 'Walker',
  'Fischer', 'Moreau', 'Santos', 'Tanaka', 'Haddad', 'Murphy', 'Costa', 'Berg', 'Weber', 'Clarke',
]; // prettier-ignore

/** Where customers live; `utcOffset` (hours, ignoring summer time) places their sessions in the day. */
const REGIONS = [
  { region: 'US East', timezone: 'America/New_York', utcOffset: -5, weight: 0.2 },
  { region: 'US Central', timezone: 'America/Chicago', utcOffset: -6, weight: 0.1 },
  { region: 'US West', timezone: 'America/Los_Angeles', utcOffset: -8, weight: 0.12 },
  { region: 'Canada', timezone: 'America/Toronto', utcOffset: -5, weight: 0.06 },
  { region: 'UK', timezone: 'Europe/London', utcOffset: 0, weight: 0.14 },
  { region: 'Germany', timezone: 'Europe/Berlin', utcOffset: 1, weight: 0.12 },
  { region: 'France', timezone: 'Europe/Paris', utcOffset: 1, weight: 0.09 },
  { region: 'Spain', timezone: 'Europe/Madrid', utcOffset: 1, weight: 0.06 },
  { region: 'Netherlands', timezone: 'Europe/Amsterdam', utcOffset: 1, weight: 0.05 },
  { region: 'Australia', timezone: 'Australia/Sydney', utcOffset: 10, weight: 0.06 },
] as const;

function drawPlace(rng: Random): (typeof REGIONS)[number] {
  return REGIONS[rng.categorical(REGIONS.map((r) => r.weight))] ?? REGIONS[0];
}

const DEVICES = { mobile: 0.58, desktop: 0.35, tablet: 0.07 } as const;

/** Segments by completed orders: new until the 2nd order, regular until the 4th, then vip. */
export type Segment = 'new' | 'regular' | 'vip';
export function segmentFor(orders: number): Segment {
  return orders >= 4 ? 'vip' : orders >= 2 ? 'regular' : 'new';
}

export interface Profile {
  traits: {
    email: string;
    name: string;
    region: string;
    device: keyof typeof DEVICES;
    acquisition: Acquisition;
    segment: Segment;
    timezone: string;
  };
  utcOffset: number;
}

/** A known customer's identity; `no` keeps e-mail addresses unique however often names repeat. */
export function drawProfile(rng: Random, no: number): Profile {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const place = drawPlace(rng);
  const local = `${first}.${last}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z.]/g, '');
  return {
    traits: {
      email: `${local}${no}@example.com`,
      name: `${first} ${last}`,
      region: place.region,
      device: rng.weighted(DEVICES),
      acquisition: rng.weighted(ACQUISITION),
      segment: 'new',
      timezone: place.timezone,
    },
    utcOffset: place.utcOffset,
  };
}

/** Anonymous visitors have no profile, only a time zone for when their sessions happen. */
export function drawUtcOffset(rng: Random): number {
  return drawPlace(rng).utcOffset;
}
