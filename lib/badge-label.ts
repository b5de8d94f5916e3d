/** Badge labels are cut to this many characters: a longer one would only widen the badge. */
export const MAX_LABEL_LENGTH = 60;
