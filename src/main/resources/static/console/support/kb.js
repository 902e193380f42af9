// The knowledge-base editor: list, create, change, publish, delete; and a search preview with scores.
(() => {
  const {api, el, when, requireStaff} = desk;
  let editing = null;

  async function list() {
    const r = await api('GET', '/api/v1/support/desk/kb/articles?limit=500');
    const rows = (r.body || []).map(a => el('tr', {style: 'cursor:pointer', onclick: () => edit(a)},
      el('td', {}, a.title), el('td', {}, a.slug), el('td', {}, a.category), el('td', {}, a.published ? 'yes' : 'draft'),
      el('td', {}, when(a.updatedAt))));
    document.getElementById('articles').replaceChildren(...rows);
  }

  function edit(article) {
    editing = article;
    document.getElementById('editor').hidden = false;
    document.getElementById('editor-title').textContent = article ? 'Edit: ' + article.title : 'New article';
    document.getElementById('a-title').value = article ? article.title : '';
    document.getElementById('a-slug').value = article ? article.slug : '';
    document.getElementById('a-category').value = article ? article.category : 'general';
    document.getElementById('a-body').value = article ? article.body : '';
    document.getElementById('a-published').checked = article ? article.published : false;
    document.getElementById('delete-article').hidden = !article;
    document.getElementById('article-result').textContent = '';
  }

  document.getElementById('new-article').addEventListener('click', () => edit(null));
  document.getElementById('a-title').addEventListener('input', e => {
    if (!editing) document.getElementById('a-slug').value = e.target.value.toLowerCase()
      .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 200);
  });
  document.getElementById('article-form').addEventListener('submit', async e => {
    e.preventDefault();
    const body = {title: document.getElementById('a-title').value, slug: document.getElementById('a-slug').value,
      category: document.getElementById('a-category').value, body: document.getElementById('a-body').value,
      published: document.getElementById('a-published').checked};
    const r = editing ? await api('PUT', '/api/v1/support/desk/kb/articles/' + editing.id, body)
      : await api('POST', '/api/v1/support/desk/kb/articles', body);
    const result = document.getElementById('article-result');
    result.className = r.ok ? 'ok' : 'error';
    result.textContent = r.ok ? 'Saved' : (r.body ? r.body.detail + (r.body.errors ? ': '
      + r.body.errors.map(x => x.field + ' ' + x.message).join(', ') : '') : 'Failed');
    if (r.ok) { editing = r.body; await list(); }
  });
  document.getElementById('delete-article').addEventListener('click', async () => {
    if (!editing || !confirm('Delete "' + editing.title + '"?')) return;
    await api('DELETE', '/api/v1/support/desk/kb/articles/' + editing.id);
    document.getElementById('editor').hidden = true;
    editing = null;
    await list();
  });
  document.getElementById('search').addEventListener('submit', async e => {
    e.preventDefault();
    const r = await api('GET', '/api/v1/support/kb/search?q=' + encodeURIComponent(document.getElementById('s-q').value));
    document.getElementById('hits').replaceChildren(...(r.ok ? r.body : []).map(h => el('tr', {},
      el('td', {}, h.score.toFixed(3)), el('td', {}, h.title), el('td', {}, h.snippet || ''))));
  });

  requireStaff(list);
})();
