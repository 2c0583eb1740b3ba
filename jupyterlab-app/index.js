// The Concurrency Lab's JupyterLab: the standard JupyterLab 4.5 plugins and the Jupyter widgets
// manager (ipywidgets 8's, for the kernel's sliders), bundled once from npm.
import { JupyterLab } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';

// Assets load from where the server serves this bundle; set before any CSS is imported.
// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption('fullStaticUrl') + '/';

// style.js is written by the builder (Build.ensureAssets): every extension's CSS.
const styles = import('./build/style.js');

// Plugins that talk to a language server: none runs for Java cells here, so they stay out.
const withoutLanguageServer = plugins => plugins.default.filter(({ id }) => !id.includes(':language-server'));

// Keys that move a widget's slider or dropdown go to it: in command mode JupyterLab 4.5 binds the
// arrows to the notebook (ArrowLeft/Right fold headings, ArrowUp/Down select cells) wherever the focus
// is inside it, and a focused slider handle is not an editable element that would turn them off.
// Marked for this one key press only, so Shift+Enter and the other shortcuts still work from a control.
const CONTROL_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);
window.addEventListener('keydown', event => {
  const target = event.target;
  if (!CONTROL_KEYS.has(event.key) || !(target instanceof Element)) return;
  if (!target.matches('.jupyter-widgets .noUi-handle, .jupyter-widgets select')) return;
  target.setAttribute('data-lm-suppress-shortcuts', 'true'); // read by Lumino's key bindings, which listen after this
  setTimeout(() => target.removeAttribute('data-lm-suppress-shortcuts'), 0);
}, true);

window.addEventListener('load', async () => {
  await styles;
  const extensions = await Promise.all([
    import('@jupyter-widgets/jupyterlab-manager'),
    import('@jupyterlab/application-extension'),
    import('@jupyterlab/apputils-extension'),
    import('@jupyterlab/cell-toolbar-extension'),
    import('@jupyterlab/celltags-extension'),
    import('@jupyterlab/codemirror-extension'),
    import('@jupyterlab/completer-extension'),
    import('@jupyterlab/console-extension'),
    import('@jupyterlab/csvviewer-extension'),
    import('@jupyterlab/docmanager-extension'),
    import('@jupyterlab/documentsearch-extension'),
    import('@jupyterlab/filebrowser-extension'),
    import('@jupyterlab/fileeditor-extension').then(withoutLanguageServer),
    import('@jupyterlab/help-extension'),
    import('@jupyterlab/htmlviewer-extension'),
    import('@jupyterlab/imageviewer-extension'),
    import('@jupyterlab/inspector-extension'),
    import('@jupyterlab/launcher-extension'),
    import('@jupyterlab/mainmenu-extension'),
    import('@jupyterlab/markdownviewer-extension'),
    import('@jupyterlab/markedparser-extension'),
    import('@jupyterlab/mathjax-extension'),
    import('@jupyterlab/metadataform-extension'),
    import('@jupyterlab/notebook-extension').then(withoutLanguageServer),
    import('@jupyterlab/rendermime-extension'),
    import('@jupyterlab/running-extension'),
    import('@jupyterlab/services-extension'),
    import('@jupyterlab/settingeditor-extension'),
    import('@jupyterlab/shortcuts-extension'),
    import('@jupyterlab/statusbar-extension'),
    import('@jupyterlab/theme-dark-extension'),
    import('@jupyterlab/theme-light-extension'),
    import('@jupyterlab/toc-extension'),
    import('@jupyterlab/tooltip-extension'),
    import('@jupyterlab/translation-extension'),
    import('@jupyterlab/ui-components-extension')
  ]);
  const mimeExtensions = await Promise.all([
    import('@jupyterlab/json-extension'),
    import('@jupyterlab/javascript-extension')
  ]);
  const pluginsOf = module => {
    const exported = Object.prototype.hasOwnProperty.call(module, '__esModule') || module.default ? module.default : module;
    return Array.isArray(exported) ? exported : [exported];
  };
  const lab = new JupyterLab({ mimeExtensions: mimeExtensions.map(m => (m.default ? m.default : m)) });
  lab.registerPlugins(extensions.flatMap(pluginsOf));
  await lab.start();
  await lab.restored;
  // As in JupyterLab's own build: the app object for the browser console (and the tests), and a
  // flag the browser tests wait for rather than guessing from the DOM.
  window.jupyterapp = lab;
  window.concurrencyLabReady = true;
});
