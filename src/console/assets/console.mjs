// govuk-frontend's components, enhanced once the page has loaded; every page works without this file.
import { initAll } from "/console/assets/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
