/**
 * Column names of the public airline passenger satisfaction survey (../shared/data/airline): the 14
 * touchpoint ratings (0 = not applicable, 1-5) and the outcome. Used by the airline test and bench;
 * the data itself stays outside the repository.
 */
export const AIRLINE_FILES = ['test.csv', 'train_reconstructed.csv'] as const;

export const AIRLINE_OUTCOME = 'satisfaction';
export const AIRLINE_POSITIVE = 'satisfied';

export const AIRLINE_DRIVERS = [
  'Inflight wifi service',
  'Departure/Arrival time convenient',
  'Ease of Online booking',
  'Gate location',
  'Food and drink',
  'Online boarding',
  'Seat comfort',
  'Inflight entertainment',
  'On-board service',
  'Leg room service',
  'Baggage handling',
  'Checkin service',
  'Inflight service',
  'Cleanliness',
] as const;
