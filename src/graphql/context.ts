import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { type Logger } from "../logging/logger";

/** What every resolver gets: the verified caller and the request's own logger. Built before any resolver runs. */
export interface HubContext {
  requestId: string;
  principal: Principal;
  logger: Logger;
  dataSource: DataSource;
}
