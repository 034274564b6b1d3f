// govuk-frontend's components, enhanced once the page has loaded; every page works without this file.
// The body's `js-enabled` and `govuk-frontend-supported` classes are set by govuk-frontend's own inline
// snippet before the page is painted (allowed by its hash in the Content-Security-Policy).
import { initAll } from "/console/assets/govuk/govuk-frontend.min.js";

initAll();
