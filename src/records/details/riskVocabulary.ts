/** Risk of serious harm (OASys RoSH): the level, and to whom. */
export const RoshLevel = { LOW: "LOW", MEDIUM: "MEDIUM", HIGH: "HIGH", VERY_HIGH: "VERY_HIGH" } as const;
export type RoshLevel = (typeof RoshLevel)[keyof typeof RoshLevel];

export const RoshGroup = { CHILDREN: "CHILDREN", KNOWN_ADULT: "KNOWN_ADULT", PUBLIC: "PUBLIC", STAFF: "STAFF", PRISONERS: "PRISONERS" } as const;
export type RoshGroup = (typeof RoshGroup)[keyof typeof RoshGroup];
