/**
 * How a record came to be linked to a child (design §8, principle 6): every link carries its method,
 * its state and whether automation or a person decided it. Automation never overwrites a MANUAL origin.
 */
export const LinkMethod = { SUI: "SUI", PROBABILISTIC: "PROBABILISTIC", MANUAL: "MANUAL" } as const;
export type LinkMethod = (typeof LinkMethod)[keyof typeof LinkMethod];

export const LinkState = { LINKED: "LINKED", POSSIBLE: "POSSIBLE", REJECTED: "REJECTED" } as const;
export type LinkState = (typeof LinkState)[keyof typeof LinkState];

export const LinkOrigin = { AUTO: "AUTO", MANUAL: "MANUAL" } as const;
export type LinkOrigin = (typeof LinkOrigin)[keyof typeof LinkOrigin];
