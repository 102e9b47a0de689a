import { setupUploadPage } from './upload-page.js';
import { setupLibraryPage } from './library-page.js';
import { setupSearchPage } from './search-page.js';
import { setupPlayer } from './player.js';

const pages = {
  upload: setupUploadPage(),
  library: setupLibraryPage(),
  search: setupSearchPage(),
};

setupPlayer();

function showPage() {
  const name = location.hash.slice(1) in pages ? location.hash.slice(1) : 'upload';
  for (const section of document.querySelectorAll('[data-page]')) {
    section.hidden = section.dataset.page !== name;
  }
  for (const link of document.querySelectorAll('[data-page-link]')) {
    if (link.dataset.pageLink === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `Glimpse: ${name[0].toUpperCase()}${name.slice(1)}`;
  pages[name].show?.();
}

window.addEventListener('hashchange', () => {
  showPage();
  document.getElementById('main').focus();
});
showPage();
