import { type Workload } from "../workload";
import { disclosureWorkload } from "./disclosure";
import { igWorkload } from "./ig";
import { submitWorkload } from "./submit";

/** Every workload `npm run bench` knows, in the order it runs them. Search and notifications join here. */
export const WORKLOADS: Workload[] = [disclosureWorkload, submitWorkload, igWorkload];
