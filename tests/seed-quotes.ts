// Sentences of the seed page (and one spec step) that several spec files quote: one copy, so a change to the seed
// (npm run trace compares every quote with it) is made once.

export const SEED_SRCDOC =
  'Any other situation in which there is no origin, such as when the srcdoc attribute is used to specify the contents of a frame.';
export const SEED_TOP_LEVEL_ONLY =
  "Only a window's top-level document context for a valid origin can even request permission to use getUserMedia(), unless the top-level context expressly grants permission for a given <iframe> to do so using Feature Policy.";
export const SEED_POLICY_ERROR =
  'On browsers that support managing media permissions with Feature Policy, this error is returned if Feature Policy is not configured to allow access to the input source(s).';
export const SEED_DENIED =
  'If the user denies permission, or matching media is not available, then the promise is rejected with NotAllowedError or NotFoundError DOMException respectively.';
export const SEED_PENDING =
  "It's possible for the returned promise to neither resolve nor reject, as the user is not required to make a choice at all and may ignore the request.";
export const SEED_CONSTRAINT_NAMED =
  'The error is an object of type OverconstrainedError, and has a constraint property whose string value is the name of a constraint which was impossible to meet';
export const SEED_MIN_NO_PROMPT =
  'If no camera exists with this resolution or higher, then the returned promise will be rejected with OverconstrainedError, and the user will not be prompted.';
export const SPEC_NO_KIND = 'If requestedMediaTypes is the empty set, return a promise rejected with a TypeError.';
