// The console's pages, in one place: the navigation is drawn from this list and each page is one ES
// module under pages/ with `export default {title, render(view, ctx)}` (render may return a cleanup
// function). Add a page by adding a line here and its module; `nav: false` pages are reached by links
// (#/<id>/<arg>…).
export const PAGES = [
  {id: 'overview', title: 'Overview', module: './pages/overview.js', nav: true},
  {id: 'integrations', title: 'Integrations', module: './pages/integrations.js', nav: true},
  {id: 'integration', title: 'Integration', module: './pages/integration.js', nav: false},
  {id: 'alerts', title: 'Alerts', module: './pages/alerts.js', nav: true},
  {id: 'webhooks', title: 'Webhooks', module: './pages/webhooks.js', nav: true},
];
