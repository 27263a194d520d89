// The dates a tenant's test clock may show. The years stop at 2999 so that everything dated from the
// clock (a card's expiry four years on, say) still fits the four-digit dates the contract declares.
import { isCalendarDate } from './values.js';

export const CLOCK_DATE_PATTERN = /^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$/;

/** A real calendar date, YYYY-MM-DD, between 1900-01-01 and 2999-12-31. */
export const isClockDate = (value: unknown): value is string => typeof value === 'string' && CLOCK_DATE_PATTERN.test(value) && isCalendarDate(value);
