import { type DirectoryEntryFault, type DirectoryEntryInput } from "./validateDirectoryEntry";

/** A fault found on one line of a directory file, and the agency code it named (when it names a well-formed one). */
export interface DirectoryLineFault extends DirectoryEntryFault {
  line: number;
  code: string | null;
}

/** One line of a directory file: the entry it states, or why it could not be read. */
export type DirectoryLine = { line: number; input: DirectoryEntryInput } | { line: number; fault: DirectoryLineFault };
