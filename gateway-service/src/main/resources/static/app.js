// Switchboard's web chat: STOMP over /stomp (stomp.js), REST for login, history and sync.
// What it relies on is documented in docs/stomp.md, docs/protocol.md ("Staying consistent")
// and docs/history.md. No build step: plain ES2020 in a browser.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const SESSION_KEY = 'switchboard.session';
  const PAGE = 30;

  const state = {
    session: null, // { token, userId, mobile }
    client: null,
    connected: false,
    syncing: false,
    held: [], // live frames kept aside while a sync runs
    toAck: new Map(), // conversationId -> ids of messages from the peer not acknowledged yet
    ackTimer: null,
    readTimer: null,
    conversations: new Map(), // conversationId -> conversation
    current: null,
    pending: new Map(), // clientMessageId -> own message not yet accepted
    lastTypingSent: 0,
    typingTimer: null,
    refreshTimer: null,
  };

  // ---- storage -------------------------------------------------------------------------

  function saveSession(session) {
    state.session = session;
    if (session) {
      localStorage.setItem(SESSION_KEY, JSON.stringify(session));
    } else {
      localStorage.removeItem(SESSION_KEY);
    }
  }

  function cursorKey() {
    return 'switchboard.cursor.' + state.session.userId;
  }

  // ---- REST ----------------------------------------------------------------------------

  class HttpError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
      this.status = status;
      this.problem = problem;
    }
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // Retries 503 (catching-up, unavailable) and 429 after Retry-After; 401 ends the session.
  async function api(path, options = {}) {
    for (let attempt = 0; ; attempt++) {
      const headers = { Accept: 'application/json' };
      if (options.body !== undefined) {
        headers['Content-Type'] = 'application/json';
      }
      if (state.session && options.auth !== false) {
        headers.Authorization = 'Bearer ' + state.session.token;
      }
      const response = await fetch(path, {
        method: options.method || 'GET',
        headers,
        body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      });
      if (response.ok) {
        return response.status === 204 ? null : response.json();
      }
      const problem = await response.json().catch(() => null);
      if ((response.status === 503 || response.status === 429) && attempt < 10 && options.retry !== false) {
        const seconds = Number(response.headers.get('Retry-After')) || 1;
        await sleep(Math.min(seconds, 10) * 1000);
        continue;
      }
      if (response.status === 401 && state.session && options.auth !== false) {
        endSession('Your session ended. Log in again.');
      }
      throw new HttpError(response.status, problem);
    }
  }

  // ---- conversations and messages -------------------------------------------------------

  function directId(a, b) {
    return 'dm-' + Math.min(a, b) + '-' + Math.max(a, b);
  }

  function conversation(id, peerId) {
    let c = state.conversations.get(id);
    if (!c) {
      c = { id, peerId, messages: [], byId: new Map(), byClientId: new Map(), unread: 0, olderCursor: null,
        historyLoaded: false, lastActivity: '', readSent: null, typingUntil: 0 };
      state.conversations.set(id, c);
    }
    return c;
  }

  function peerOf(conversationId) {
    const [, low, high] = conversationId.split('-');
    return Number(low) === state.session.userId ? Number(high) : Number(low);
  }

  function uuid() {
    if (crypto.randomUUID) {
      return crypto.randomUUID();
    }
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  // One shape for messages from frames, sync and history.
  function normalise(m) {
    const from = m.from !== undefined ? Number(m.from) : Number(m.senderId);
    const to = m.to !== undefined ? Number(m.to) : Number(m.recipientId);
    let status = 'sent';
    if (m.readAt) {
      status = 'read';
    } else if (m.deliveredAt) {
      status = 'delivered';
    }
    return { messageId: m.messageId, clientMessageId: m.clientMessageId, conversationId: m.conversationId, from,
      to, body: m.body, sentAt: m.sentAt, sequence: m.sequence, status };
  }

  const RANK = { failed: -1, sending: 0, sent: 1, delivered: 2, read: 3 };

  function raise(message, status) {
    if (RANK[status] > RANK[message.status]) {
      message.status = status;
    }
  }

  // Adds a message once: by messageId, and for the user's own messages also by
  // clientMessageId (a message sent here is known before the server names it). Messages
  // with a sequence take their place by it; live ones (no sequence) go after what is there,
  // which is the server's order within a conversation.
  function add(raw) {
    const m = normalise(raw);
    const c = conversation(m.conversationId, peerOf(m.conversationId));
    const known = (m.messageId && c.byId.get(m.messageId))
      || (m.from === state.session.userId && m.clientMessageId && c.byClientId.get(m.clientMessageId));
    if (known) {
      if (!known.messageId && m.messageId) {
        known.messageId = m.messageId;
        c.byId.set(m.messageId, known);
      }
      if (m.sequence !== undefined && known.sequence === undefined) {
        known.sequence = m.sequence;
      }
      raise(known, m.status);
      state.pending.delete(known.clientMessageId);
      return null;
    }
    insert(c, m);
    return m;
  }

  // The server's order: by sequence where both have one (history, sync), else by the
  // server's timestamp; equal ones stay in the order they came.
  function before(a, b) {
    if (a.sequence !== undefined && b.sequence !== undefined) {
      return a.sequence - b.sequence;
    }
    return Date.parse(a.sentAt) - Date.parse(b.sentAt);
  }

  function insert(c, m) {
    let i = c.messages.length;
    while (i > 0 && before(c.messages[i - 1], m) > 0) {
      i--;
    }
    c.messages.splice(i, 0, m);
    if (m.messageId) {
      c.byId.set(m.messageId, m);
    }
    if (m.from === state.session.userId && m.clientMessageId) {
      c.byClientId.set(m.clientMessageId, m);
    }
    if (m.sentAt && m.sentAt > c.lastActivity) {
      c.lastActivity = m.sentAt;
    }
  }

  function applyReceipt(r) {
    const c = state.conversations.get(r.conversationId);
    if (!c) {
      return;
    }
    if (r.status === 'delivered') {
      for (const id of r.messageIds || []) {
        const m = c.byId.get(id);
        if (m) {
          raise(m, 'delivered');
        }
      }
    } else if (r.status === 'read') {
      if (Number(r.by) === state.session.userId) {
        // read on this or another device of this user
        c.unread = 0;
      } else {
        const upTo = c.messages.indexOf(c.byId.get(r.upToMessageId));
        c.messages.forEach((m, i) => {
          if (m.from === state.session.userId && (upTo >= 0 ? i <= upTo : Date.parse(m.sentAt) <= Date.parse(r.at))) {
            raise(m, 'read');
          }
        });
      }
    }
  }

  // A message that came live or by sync; those from the peer are acknowledged.
  function receive(raw, live) {
    const added = add(raw);
    const m = normalise(raw);
    if (m.from !== state.session.userId) {
      // acknowledged again if it was before: the server tells nobody twice
      ackSoon(m);
      if (added && live) {
        const c = state.conversations.get(m.conversationId);
        if (!(c.id === state.current && document.visibilityState === 'visible')) {
          c.unread++;
        }
      }
    }
  }

  // ---- STOMP ---------------------------------------------------------------------------

  function setConnection(text) {
    $('connection').textContent = text;
  }

  function connect() {
    const client = new StompJs.Client({
      reconnectDelay: 1000,
      heartbeatIncoming: 30000,
      heartbeatOutgoing: 20000,
      connectionTimeout: 10000,
      // A fresh one-time ticket for every (re)connect: a browser cannot set headers on a
      // WebSocket, and the token never goes into a URL.
      beforeConnect: async (c) => {
        setConnection(state.connected ? 'Reconnecting…' : 'Connecting…');
        for (;;) {
          if (!state.session || !c.active) {
            return;
          }
          try {
            const { ticket } = await api('/api/auth/ws-ticket', { method: 'POST', retry: false });
            const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
            c.brokerURL = `${scheme}//${location.host}/stomp?ticket=${encodeURIComponent(ticket)}`;
            return;
          } catch (e) {
            if (e instanceof HttpError && e.status === 401) {
              return;
            }
            setConnection('Offline: retrying…');
            await sleep(2000);
          }
        }
      },
      onConnect: () => {
        state.connected = true;
        setConnection('Connected');
        client.subscribe('/user/queue/messages', (frame) => live(frame));
        client.subscribe('/user/queue/receipts', (frame) => live(frame));
        client.subscribe('/user/queue/typing', (frame) => typing(JSON.parse(frame.body)));
        sync().catch((e) => console.warn('sync failed', e));
      },
      onStompError: (frame) => failed(frame),
      onWebSocketClose: () => {
        state.syncing = false;
        state.held = [];
        if (state.session) {
          setConnection('Offline: reconnecting…');
        }
      },
    });
    state.client = client;
    client.activate();
  }

  function live(frame) {
    const body = JSON.parse(frame.body);
    if (state.syncing) {
      state.held.push(body);
      return;
    }
    apply(body);
    // a message into the open conversation is read as it arrives
    readSoon();
    render();
  }

  function apply(body) {
    if (body.type === 'message') {
      receive(body, true);
    } else if (body.type === 'receipt') {
      applyReceipt(body);
    }
  }

  // docs/protocol.md, "Staying consistent": sync from the stored cursor page by page; live
  // frames that come meanwhile are applied afterwards; nothing is shown twice.
  async function sync() {
    state.syncing = true;
    state.held = [];
    let cursor = localStorage.getItem(cursorKey());
    for (;;) {
      const query = cursor ? `?limit=100&after=${encodeURIComponent(cursor)}` : '?limit=100';
      const page = await api('/api/history/sync' + query);
      for (const m of page.messages) {
        receive(m, false);
      }
      for (const r of page.receipts) {
        applyReceipt(r);
      }
      cursor = page.cursor;
      if (cursor) {
        localStorage.setItem(cursorKey(), cursor);
      }
      if (!page.hasMore) {
        break;
      }
    }
    const held = state.held;
    state.syncing = false;
    state.held = [];
    for (const body of held) {
      apply(body);
    }
    flushAcks();
    resendPending();
    await loadConversations();
    markRead();
    render();
  }

  // Acknowledgements go in batches (SEND /app/ack, up to 100 ids of one conversation), at
  // most every 200 ms: a burst of messages costs a few frames of the session's budget, not
  // one each. Those not sent before a disconnect go after the next sync.
  function ackSoon(m) {
    const ids = state.toAck.get(m.conversationId) || [];
    ids.push(m.messageId);
    state.toAck.set(m.conversationId, ids);
    if (!state.ackTimer && !state.syncing) {
      state.ackTimer = setTimeout(flushAcks, 200);
    }
  }

  function flushAcks() {
    clearTimeout(state.ackTimer);
    state.ackTimer = null;
    for (const [conversationId, ids] of state.toAck) {
      while (ids.length > 0) {
        if (!publish('/app/ack', { conversationId, messageIds: ids.slice(0, 100) })) {
          return;
        }
        ids.splice(0, 100);
      }
      state.toAck.delete(conversationId);
    }
  }

  // Read marks, likewise, at most every 300 ms.
  function readSoon() {
    if (!state.readTimer) {
      state.readTimer = setTimeout(() => {
        state.readTimer = null;
        markRead();
        render();
      }, 300);
    }
  }

  function publish(destination, body, headers = {}) {
    if (!state.client || !state.client.connected) {
      return false;
    }
    state.client.publish({ destination, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
    return true;
  }

  function send(peerId, text) {
    const c = conversation(directId(state.session.userId, peerId), peerId);
    const m = { messageId: null, clientMessageId: uuid(), conversationId: c.id, from: state.session.userId,
      to: peerId, body: text, sentAt: new Date().toISOString(), status: 'sending' };
    insert(c, m);
    state.pending.set(m.clientMessageId, m);
    transmit(m);
    render();
  }

  // Until its RECEIPT (Kafka's ack) the message is the client's: it is sent again under the
  // same clientMessageId after a reconnect, and the server collapses the copies.
  function transmit(m) {
    const receipt = 'send-' + m.clientMessageId;
    if (!state.client || !state.client.connected) {
      return;
    }
    state.client.watchForReceipt(receipt, (frame) => {
      state.pending.delete(m.clientMessageId);
      const c = state.conversations.get(m.conversationId);
      m.messageId = frame.headers['message-id'];
      c.byId.set(m.messageId, m);
      if (frame.headers['sent-at']) {
        // the server's time: the message's place among the others
        m.sentAt = frame.headers['sent-at'];
        c.messages.splice(c.messages.indexOf(m), 1);
        insert(c, m);
      }
      raise(m, 'sent');
      render();
    });
    publish('/app/messages', { clientMessageId: m.clientMessageId, to: m.to, body: m.body }, { receipt });
  }

  function resendPending() {
    for (const m of state.pending.values()) {
      transmit(m);
    }
  }

  // An ERROR ends the STOMP session (stomp.js reconnects). A send the server refused for
  // good is marked failed; one it could not take right now stays pending and is resent.
  function failed(frame) {
    let error = null;
    try {
      error = JSON.parse(frame.body);
    } catch (e) {
      error = null;
    }
    const message = frame.headers.message || 'error';
    if (error && error.clientMessageId && !['send_failed', 'rate_limited'].includes(error.code)) {
      const m = state.pending.get(error.clientMessageId);
      if (m) {
        state.pending.delete(m.clientMessageId);
        m.status = 'failed';
        m.error = error.message;
      }
    }
    $('send-error').textContent = message;
    render();
  }

  function typing(t) {
    const c = state.conversations.get(t.conversationId);
    if (!c || Number(t.from) === state.session.userId) {
      // this user's own typing, on another device
      return;
    }
    c.typingUntil = Date.now() + 4000;
    renderTyping();
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(renderTyping, 4100);
  }

  function sendTyping() {
    const c = state.conversations.get(state.current);
    if (c && Date.now() - state.lastTypingSent > 3000) {
      state.lastTypingSent = Date.now();
      publish('/app/typing', { to: c.peerId });
    }
  }

  // The open conversation, when the page is visible, is read up to its newest message
  // from the peer.
  function markRead() {
    const c = state.conversations.get(state.current);
    if (!c || document.visibilityState !== 'visible') {
      return;
    }
    const newest = [...c.messages].reverse().find((m) => m.from !== state.session.userId && m.messageId);
    if (newest && c.readSent !== newest.messageId && publish('/app/read',
      { conversationId: c.id, upToMessageId: newest.messageId })) {
      c.readSent = newest.messageId;
    }
    c.unread = 0;
  }

  // ---- history -------------------------------------------------------------------------

  async function loadConversations() {
    const page = await api('/api/history/conversations?limit=50');
    for (const item of page.conversations) {
      const c = conversation(item.conversationId, Number(item.peerId));
      if (item.lastMessage) {
        add(item.lastMessage);
      }
      c.unread = c.id === state.current && document.visibilityState === 'visible' ? 0 : item.unreadCount;
    }
  }

  async function loadOlder(c) {
    const query = c.olderCursor ? `&before=${encodeURIComponent(c.olderCursor)}` : '';
    let page;
    try {
      page = await api(`/api/history/conversations/${c.id}/messages?limit=${PAGE}${query}`);
    } catch (e) {
      if (!(e instanceof HttpError && e.status === 404)) {
        throw e;
      }
      // a conversation with no message yet
      page = { messages: [] };
    }
    for (const m of page.messages) {
      add(m);
    }
    c.historyLoaded = true;
    c.olderCursor = page.nextCursor || null;
    render();
  }

  async function open(id) {
    state.current = id;
    $('chat-view').classList.add('open');
    const c = state.conversations.get(id);
    render();
    if (!c.historyLoaded) {
      await loadOlder(c).catch((e) => { $('send-error').textContent = e.message; });
    }
    markRead();
    render();
    $('message-input').focus();
  }

  // ---- rendering -----------------------------------------------------------------------

  function el(tag, attributes = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes)) {
      if (v !== undefined && v !== null) {
        e.setAttribute(k, v);
      }
    }
    for (const child of children) {
      e.append(child);
    }
    return e;
  }

  const TICKS = { sending: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!' };

  function time(iso) {
    const d = new Date(iso);
    return isNaN(d) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function render() {
    if (!state.session) {
      return;
    }
    const list = $('conversations');
    const sorted = [...state.conversations.values()].sort((a, b) => (b.lastActivity > a.lastActivity ? 1 : -1));
    list.replaceChildren(...sorted.map((c) => {
      const last = c.messages[c.messages.length - 1];
      const button = el('button', { type: 'button', 'aria-current': c.id === state.current ? 'true' : 'false' },
        el('span', { class: 'peer' }, 'User ' + c.peerId),
        el('span', { class: 'preview' }, last ? last.body : ''));
      if (c.unread > 0) {
        button.append(el('span', { class: 'unread', 'aria-label': c.unread + ' unread' }, String(c.unread)));
      }
      button.addEventListener('click', () => open(c.id));
      return el('li', { 'data-conversation-id': c.id, 'data-unread': c.unread }, button);
    }));
    $('no-conversations').hidden = sorted.length > 0;

    const c = state.conversations.get(state.current);
    $('conversation').hidden = !c;
    if (!c) {
      return;
    }
    $('peer-name').textContent = 'User ' + c.peerId;
    $('older').hidden = !c.olderCursor;
    const box = $('messages');
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    box.replaceChildren(...c.messages.map((m) => {
      const mine = m.from === state.session.userId;
      const meta = el('span', { class: 'meta' }, time(m.sentAt));
      if (mine) {
        meta.append(el('span', { class: 'ticks', 'aria-label': m.status, title: m.error || m.status },
          TICKS[m.status]));
      }
      return el('li', { class: mine ? 'mine' : 'theirs', 'data-message-id': m.messageId,
        'data-client-message-id': m.clientMessageId, 'data-status': mine ? m.status : null,
        'data-from': m.from }, el('span', { class: 'body' }, m.body), meta);
    }));
    if (atBottom) {
      box.scrollTop = box.scrollHeight;
    }
    renderTyping();
  }

  function renderTyping() {
    const c = state.conversations.get(state.current);
    $('typing').textContent = c && c.typingUntil > Date.now() ? 'typing…' : '';
  }

  // ---- session -------------------------------------------------------------------------

  function start() {
    $('login-view').hidden = true;
    $('chat-view').hidden = false;
    $('logout').hidden = false;
    $('me').hidden = false;
    $('me').textContent = `You are user ${state.session.userId} (${state.session.mobile})`;
    render();
    loadConversations().then(render).catch((e) => { $('send-error').textContent = e.message; });
    connect();
  }

  function endSession(reason) {
    const client = state.client;
    state.client = null;
    saveSession(null);
    state.conversations.clear();
    state.pending.clear();
    state.toAck.clear();
    state.current = null;
    if (client) {
      client.deactivate();
    }
    $('chat-view').hidden = true;
    $('logout').hidden = true;
    $('me').hidden = true;
    $('login-view').hidden = false;
    $('login-form').hidden = true;
    $('login-error').textContent = reason || '';
    setConnection('Not connected');
  }

  $('code-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-error').textContent = '';
    try {
      const answer = await api('/api/auth/getcode', { method: 'POST', body: { mobile: $('mobile').value.trim() },
        auth: false, retry: false });
      $('login-form').hidden = false;
      if (answer.activationCode) {
        // only where the local run exposes codes (switchboard.auth.expose-code)
        $('code-hint').hidden = false;
        $('code-hint').textContent = 'Local run: your code is ' + answer.activationCode;
        $('code').value = answer.activationCode;
      }
      $('code').focus();
    } catch (e) {
      $('login-error').textContent = e.message;
    }
  });

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-error').textContent = '';
    try {
      const mobile = $('mobile').value.trim();
      const answer = await api('/api/auth/login', { method: 'POST',
        body: { mobile, activationCode: $('code').value.trim() }, auth: false, retry: false });
      saveSession({ token: answer.accessToken, userId: Number(answer.userId), mobile });
      start();
    } catch (e) {
      $('login-error').textContent = e.message;
    }
  });

  $('logout').addEventListener('click', async () => {
    await api('/api/auth/logout', { method: 'POST', retry: false }).catch(() => null);
    endSession('Logged out.');
  });

  $('new-chat-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const peer = Number($('new-peer').value);
    if (!Number.isInteger(peer) || peer <= 0 || peer === state.session.userId) {
      $('send-error').textContent = 'Enter the user id of someone else.';
      return;
    }
    const c = conversation(directId(state.session.userId, peer), peer);
    $('new-peer').value = '';
    open(c.id);
  });

  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('message-input');
    const text = input.value.trim();
    const c = state.conversations.get(state.current);
    if (!text || !c) {
      return;
    }
    $('send-error').textContent = '';
    send(c.peerId, text);
    input.value = '';
  });

  $('message-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('composer').requestSubmit();
    }
  });
  $('message-input').addEventListener('input', sendTyping);

  $('older').addEventListener('click', () => {
    const c = state.conversations.get(state.current);
    if (c) {
      loadOlder(c).catch((e) => { $('send-error').textContent = e.message; });
    }
  });

  $('back').addEventListener('click', () => {
    state.current = null;
    $('chat-view').classList.remove('open');
    render();
  });

  document.addEventListener('visibilitychange', () => {
    markRead();
    render();
  });

  // Offline: close the socket at once rather than wait for heart-beats; stomp.js
  // reconnects, and the next connect syncs what was missed.
  window.addEventListener('offline', () => {
    if (state.client) {
      setConnection('Offline: reconnecting…');
      state.client.forceDisconnect();
    }
  });

  const stored = localStorage.getItem(SESSION_KEY);
  if (stored) {
    try {
      state.session = JSON.parse(stored);
      start();
    } catch (e) {
      saveSession(null);
    }
  }
})();
