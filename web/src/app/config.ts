/** The venue `/` shows: the demo restaurant that `make run` seeds. */
export const HOME_VENUE = "TheHungryUnicorn";
