// Type definitions for the CallbackControls client runtime (CallbackControls.js, CascadingDropDown.js,
// RefreshingChart.js), for pages written in TypeScript. A global script file, as the runtime is: it
// declares window.CallbackControls and the client objects the controls publish under their
// ClientInstanceName (or ClientID). Declare each control's object where you use it, for example:
//
//   declare const LetterCount: CallbackControls.CallbackClient<{ word: string; letters: number }>;
//   declare const Chart1: CallbackControls.RefreshingChartClient;
//   declare const City: CallbackControls.CascadingDropDownClient;
//
// or look it up: CallbackControls.get<CallbackControls.RefreshingChartClient>('Chart1').
// Only what a page may rely on is described; the runtime's `internals` are not part of the API.

declare namespace CallbackControls {
  /** What ended a call. The last three end a call on purpose: they reject its promise but reach no error hook. */
  type CallbackErrorKind =
    | 'network' // the server could not be reached
    | 'timeout' // no answer within CallbackTimeout
    | 'http' // any status but 200 (see status)
    | 'redirect' // the call was redirected: a login page, say
    | 'malformed' // the reply is not a callback reply (an error page)
    | 'server' // the page failed before the control could answer (see detail)
    | 'handler' // the server handler threw or reported an error
    | 'forbidden' // the server refused the call as not coming from this page: reload it
    | 'hook' // a hook threw, or names no function
    | 'superseded' // a newer call of the same control replaced it
    | 'cancelled' // a beforeCallback hook set e.cancel
    | 'disposed'; // the control left the page

  /** The error code of a server reply that carried an error. */
  type ReplyErrorCode = 'handler' | 'bad-request' | 'bad-result' | 'forbidden' | 'expired' | 'page' | 'needs-page-state';

  /** Every failed call rejects its promise with one (and, unless quiet, reaches the error hook). */
  class CallbackError extends Error {
    constructor(kind: CallbackErrorKind, message: string, details?: object);
    readonly name: 'CallbackError';
    readonly kind: CallbackErrorKind;
    /** The HTTP status, for 'http' and 'redirect'. */
    readonly status?: number;
    /** The reply's error code, for errors the server answered with. */
    readonly code?: ReplyErrorCode;
    /** The first line of the server's own message, for 'server' replies framed by ASP.NET. */
    readonly detail?: string;
    /** What was thrown underneath, for 'network' and 'hook'. */
    readonly cause?: unknown;
  }

  /** The reply envelope of a call, as the server wrote it. */
  type ReplyEnvelope<TResult = unknown> =
    | { readonly cc: 1; readonly ok: true; readonly result: TResult }
    | { readonly cc: 1; readonly ok: false; readonly error: { readonly code: ReplyErrorCode; readonly message: string } };

  /**
   * The object every hook of a call receives as `e` (BeforeCallbackScript, AfterCallbackScript,
   * BeforeCallbackResponseProcessScript, AfterCallbackResponseProcessScript, CallbackErrorScript).
   * The same object travels through one call, filled in as the call goes.
   */
  interface CallbackEvent<TResult = unknown> {
    /** The client object making the call (also `this` in the hook). */
    readonly control: CallbackClient<TResult>;
    /** The argument as sent: strings as they are, nothing as '', anything else as JSON. */
    readonly argument: string;
    /** What the page passed to callback() as its second argument, untouched. */
    readonly context: unknown;
    /** beforeCallback: true cancels the call; beforeResponseProcess: true skips applying the result. */
    cancel: boolean;
    /** error: true keeps the control's status region quiet (the hook has told the user). */
    handled: boolean;
    /** True once the request has been sent. */
    readonly sent?: boolean;
    /** The HTTP status of the reply, from afterCallback on. */
    readonly status?: number;
    /** The reply envelope, from afterCallback on. */
    readonly reply?: ReplyEnvelope<TResult>;
    /** The handler's result, from beforeResponseProcess on. */
    readonly result?: TResult;
    /** What went wrong, in the error hook. */
    readonly error?: CallbackError;
  }

  /** A hook given as a function; in markup, name a global function with this shape. */
  type Hook<TEvent, TClient extends CallbackClient<any> = CallbackClient<any>> = (this: TClient, e: TEvent) => void;

  /** The options a client object starts with: the control's data-cc-options, written by the server. */
  interface ClientOptions {
    /** The global name the object is published under (ClientInstanceName or ClientID). */
    readonly name: string;
    /** The control's UniqueID, posted as __CALLBACKID. */
    readonly callbackId: string;
    /** Milliseconds before a call is aborted (CallbackTimeout). */
    readonly timeout: number;
    /** Names of the form fields whose current values every call posts (CallbackFieldIDs). */
    readonly fields: readonly string[];
    /** Post the whole form (PostFullForm). */
    readonly fullForm: boolean;
    /** Post ViewState and event validation with the named fields. */
    readonly pageState: boolean;
    /** Post __EVENTVALIDATION with the named fields. */
    readonly eventValidation?: boolean;
    /** Hooks by event name, as set in markup: a function name or a script body. */
    readonly hooks: { readonly [event: string]: string };
    /** The token every call carries in X-CallbackControls-Token; replaced when a reply renews it. */
    readonly token: string;
    /** The runtime's failure messages in the page's language, by error kind; absent for English. */
    readonly texts?: { readonly [kind: string]: string };
    /** The page method answering the calls (ServiceMethod), sent in X-CallbackControls-Method. */
    readonly method?: string;
    /** The page's context key for a page method (ContextKey), sent in X-CallbackControls-Context. */
    readonly contextKey?: string;
    /** Where calls go; the form's action when absent. */
    readonly url?: string;
    /** The control's push subscription (PushTopic); absent when it has none. */
    readonly push?: PushOptions;
  }

  /** A control's push subscription, as the server writes it. */
  interface PushOptions {
    /** The topic (PushTopic). */
    readonly topic: string;
    /** The token the page's stream carries for the topic: bound to the page, the topic and the signed-in user. */
    readonly token: string;
    /** The id of the newest notification when the page was drawn: the stream catches up from there. */
    readonly since: string;
  }

  /** What a control's push hook (PushScript) and onPush receive. */
  interface PushEvent {
    /** The topic that changed. */
    readonly topic: string;
    /** The text given to CallbackPush.Notify, or null. */
    readonly data: string | null;
    /** True when the page reconnected and cannot tell what changed meanwhile: refresh everything. */
    readonly catchUp: boolean;
    /** Set it in the hook to skip the control's own response (a chart's refresh). */
    cancel?: boolean;
  }

  /** The page's one push connection (defined once CallbackControls.Push.js has loaded, on pages with a PushTopic). */
  interface PushConnection {
    /** The last event id seen: where a reconnect catches up from. */
    readonly lastId: string | null;
    /** 'stream' (server-sent events), or 'poll' once the stream proved held back by something between. */
    readonly mode: 'stream' | 'poll';
    /** False while controls refresh on their timers instead (push unavailable, the server's bus down). */
    readonly available: boolean;
    /** True once the server refused the subscription (a token that does not match); the console says why. */
    readonly refused: boolean;
    /** Opens the connection the page needs now (none while hidden); closes what was open first. */
    connect(): void;
    /** Closes the connection; connect() opens it again, catching up once. */
    close(): void;
  }

  /** The client object of a CallbackControl, and the base of every control's client object. */
  class CallbackClient<TResult = unknown> {
    constructor(element: HTMLElement, options: ClientOptions);
    /** The control's element. */
    readonly element: HTMLElement;
    readonly options: ClientOptions;
    /** The name the page reaches this object by (ClientInstanceName or ClientID). */
    readonly name: string;
    /** True while a call of this control waits for its reply. */
    readonly isCallbackPending: boolean;
    /** True once the control has left the page; calls then reject with kind 'disposed'. */
    readonly disposed: boolean;
    /**
     * Calls the server: the control's server event receives the argument (as e.CallbackArgument) and
     * the promise resolves with what the handler put in e.Result. The newest call of a control wins:
     * one still in flight rejects with kind 'superseded' and its reply is never applied.
     * @param argument sent as a string (non-strings as JSON; nothing as '')
     * @param context handed to the hooks as e.context, untouched
     */
    callback(argument?: unknown, context?: unknown): Promise<TResult>;
    /** Aborts the call in flight and a waiting one: they reject with kind 'superseded'. */
    abortPending(message?: string): void;
    /** Stops the object: pending calls reject with kind 'disposed'. The runtime calls it when the element leaves the page. */
    dispose(): void;
    /** The form the control belongs to, or null. */
    getForm(): HTMLFormElement | null;
    /** Writes plain text into the control's status region (an element with class cc-status), if it has one. */
    showStatus(text: string, kind?: string): void;
    /** Empties the status region if it shows text of that kind ('error' by default). */
    clearStatus(kind?: string): void;
    /** The control's status region (its element with class cc-status), or null when it has none. */
    statusRegion(): Element | null;

    // Extension points for control types registered with registerType: override them.
    /** Starts the object once it is published. */
    init(): void;
    /** The control's own state sent with each call. */
    getState(e: CallbackEvent<TResult>): unknown;
    /** Applies a successful result to the page. */
    applyResult(result: TResult, e: CallbackEvent<TResult>): void;
    /** Called as a call starts and ends. */
    setBusy(busy: boolean): void;
    /** A notification of the control's PushTopic: runs the push hook, then pushed() unless the hook set e.cancel. */
    onPush(e: PushEvent): void;
    /** What the control does on a notification (a chart refreshes). */
    pushed(e: PushEvent): void;
    /** Push became unavailable or came back (a chart with RefreshMode Push runs its timer meanwhile). */
    pushAvailabilityChanged(available: boolean): void;
  }

  /** One list item of a CascadingDropDown: [text, value]. */
  /** What a reply says of an item beyond its text and value; each member only when it applies. */
  interface ListItemDetails {
    /** The server's default choice (ListItem.Selected or e.SelectedValue). */
    readonly selected?: boolean;
    /** ListItem.Enabled false: shown, not choosable. */
    readonly disabled?: boolean;
    /** ListItem.Attributes (title, data-*); event-handler attributes are never applied. */
    readonly attributes?: { readonly [name: string]: string };
  }

  type ListItemPair = [text: string, value: string, item?: ListItemDetails];

  /** OnClientPopulating: before a list asks the server for its items (not run for items from the cache). */
  interface PopulatingEvent {
    readonly control: CascadingDropDownClient;
    /** Values of every level above, top level first. */
    readonly ancestors: readonly string[];
    /** The value of the level just above. */
    readonly parentValue: string;
    /** The text typed in the find box (FilterMode), as the server matches it; '' for every item. */
    readonly filter: string;
    /** true: the list stays empty and nothing is asked. */
    cancel: boolean;
  }

  /** OnClientPopulated: the list has been filled (from the server or the cache). */
  interface PopulatedEvent {
    readonly control: CascadingDropDownClient;
    readonly items: readonly ListItemPair[];
  }

  /** OnClientSelectionChanged: the user chose another item. */
  interface SelectionChangedEvent {
    readonly control: CascadingDropDownClient;
    /** The first selected value, '' for none or the prompt. */
    readonly value: string;
    /** Every selected value (several with SelectionMode="Multiple"). */
    readonly values: readonly string[];
  }

  interface CascadingDropDownOptions extends ClientOptions {
    readonly listId: string;
    readonly parentId: string | null;
    readonly ancestors: readonly string[] | null;
    readonly prompt: { readonly text: string; readonly value: string } | null;
    readonly loadingText: string | null;
    readonly emptyText: string | null;
    /** The value of the empty-text item (encoded as list values are); "" when absent. */
    readonly emptyValue?: string;
    /** The announcement of how many items arrived ("{0} items"), and its singular form. */
    readonly countText: string | null;
    readonly countOneText: string | null;
    /** The announcement when no items arrived. */
    readonly noItemsText: string | null;
    readonly cache: boolean;
    readonly multiple: boolean;
    /** The control is disabled (Enabled="false"): it stays disabled whatever it is filled with. */
    readonly disabled?: boolean;
    /** Type to find (FilterMode on); absent when the list shows every item. */
    readonly filter?: CascadingDropDownFilterOptions;
  }

  /** A filtered list's settings, and what the server rendered of it. */
  interface CascadingDropDownFilterOptions {
    readonly mode: 'startsWith' | 'contains';
    /** Milliseconds after the last key typed before the list asks the server (FilterDelay). */
    readonly delay: number;
    /** Matches per call (ItemsPerRequest). */
    readonly take: number;
    /** The find box's text the rendered matches are for. */
    readonly text: string;
    /** How many matches were rendered, and how many match in all. */
    readonly shown: number;
    readonly total: number;
    /** Announcements: "{0} matches", "{0} match", "{0} of {1} matches shown; ...", "No matches". */
    readonly countText: string;
    readonly countOneText: string;
    readonly partialText: string;
    readonly noMatchesText: string;
    /** The control is disabled (Enabled="false"): the find box and the list stay disabled. */
    readonly disabled: boolean;
  }

  /** A filtered list's reply: one page of the items matching the typed text. */
  interface ListMatches {
    readonly items: readonly ListItemPair[];
    /** Rows listed before the first page, outside its count: the markup's items, the server's default choice. */
    readonly pinned?: readonly ListItemPair[];
    /** How many matches come before this page, and how many match in all. */
    readonly skip: number;
    readonly total: number;
  }

  /**
   * The client object of a CascadingDropDown. Not a value of the namespace: reach it by its client
   * name or CallbackControls.get(). Its callback() resolves with the items for the chain as it
   * stands (a list with FilterMode resolves with ListMatches: declare it as
   * CascadingDropDownClient<ListMatches>); the list is filled only by its own refreshes.
   */
  interface CascadingDropDownClient<TResult = ListItemPair[]> extends CallbackClient<TResult> {
    readonly options: CascadingDropDownOptions;
    /** The <select> the control renders. */
    readonly list: HTMLSelectElement | null;
    /** The parent list, or null for the top level. */
    readonly parent: HTMLSelectElement | null;
    /** Clears the list and fills it for the parent's current value (from the cache or the server). */
    refresh(): Promise<void>;
    /** The selected value as the page gave it (decoded), or '' for none or the prompt. */
    getSelectedValue(): string;
    /** The selected value as written in the page (values request validation would refuse are encoded), or ''. */
    getValue(): string;
    /** Every selected value as written in the page. */
    getValues(): string[];
    /** Values of every level above, top level first, as they are in the page now. */
    ancestorValues(): string[];
    /** The find box (FilterMode), or null. */
    readonly filterBox: HTMLInputElement | null;
    /** Shows the items matching the find box's text now, without waiting for the typing pause. */
    search(): Promise<void>;
    /** Asks for the next page of matches (as scrolling near the end does). */
    loadMore(): Promise<void>;
    /** The find box's text as the server matches it (trimmed, spaces collapsed). */
    getFilter(): string;
  }

  /** What a RefreshingChart call resolves with. */
  interface RefreshingChartReply<TData = unknown> {
    /** The new chart's markup, already swapped in. */
    readonly chart: string;
    /** What the RefreshCallback handler put in e.Result. */
    readonly data: TData;
    /** The points the chart keeps (MaxPoints), which the next call sends back. */
    readonly kept?: ReadonlyArray<RefreshingChartKeptSeries>;
  }

  interface RefreshingChartOptions extends ClientOptions {
    readonly refreshFrequency: number;
    readonly refreshBackoffLimit: number;
    /** 'push' with RefreshMode Push (notifications refresh the chart, the timer only while push is unavailable); absent for Timer. */
    readonly refreshMode?: 'push';
    /** The drawing's width in SVG units: a narrower container asks for a drawing of its own width. */
    readonly chartWidth: number;
    /** The points the chart keeps between refreshes (MaxPoints), one entry per series; absent when it keeps none. */
    readonly kept?: ReadonlyArray<RefreshingChartKeptSeries>;
    /** The shortest time in ms between two announcements of new data (AnnounceUpdates); absent when the chart announces none. */
    readonly announceInterval?: number;
  }

  /** One series' kept points, as the server sends them and takes them back: opaque to page script. */
  interface RefreshingChartKeptSeries {
    readonly x: ReadonlyArray<number | null>;
    readonly y: ReadonlyArray<number | null>;
    readonly type?: 'Number' | 'DateTime' | 'Category';
    readonly labels?: ReadonlyArray<string | null>;
    readonly tips?: ReadonlyArray<string | null>;
  }

  /** The client object of a RefreshingChart (defined once RefreshingChart.js has loaded). */
  class RefreshingChartClient<TData = unknown> extends CallbackClient<RefreshingChartReply<TData>> {
    constructor(element: HTMLElement, options: RefreshingChartOptions);
    readonly options: RefreshingChartOptions;
    /** True while a refresh (a tick or a callback()) waits for its reply. */
    readonly isRefreshing: boolean;
    /** Milliseconds between refreshes; 0 when the timer is off. */
    readonly refreshFrequency: number;
    /** Whether the timer runs: false after stop() until start() (isRefreshing says whether a call is in flight). */
    readonly isRunning: boolean;
    /** What every tick sends as its argument ('' by default); set it to make an argument sticky. */
    tickArgument: string;
    /** Failures in a row since the last success; the wait before the next tick doubles with each. */
    readonly failureCount: number;
    /**
     * Refreshes now. The argument reaches RefreshCallback as e.CallbackArgument once (e.IsTimerTick is
     * false); later ticks send tickArgument. With no argument it sends tickArgument. It joins a tick in
     * flight with the same argument, otherwise it is sent right after it.
     */
    callback(argument?: unknown, context?: unknown): Promise<RefreshingChartReply<TData>>;
    /** The same as callback(), as Syncfusion's documentation spells it. */
    Callback(argument?: unknown, context?: unknown): Promise<RefreshingChartReply<TData>>;
    /** Pauses the chart, as its pause button does: nothing is sent until resume(). Same as stop(). */
    pause(): void;
    /** Resumes a paused chart. Same as start(). */
    resume(): void;
    /** Starts (or restarts) the timer. */
    start(): void;
    /** Stops the timer and aborts what is in flight or queued (kind 'superseded'). */
    stop(): void;
    /** Changes the time between refreshes; 0 turns the timer off. Throws RangeError below 0. */
    setRefreshFrequency(milliseconds: number): void;
    /** Replaces the chart with new markup (a div.cc-chart-body, as the server renders it). */
    replaceChart(markup: string): void;
  }

  /** What the runtime hands its transport for each call. */
  interface TransportRequest {
    readonly url: string;
    readonly body: string;
    readonly headers: { readonly [name: string]: string };
    readonly signal?: AbortSignal;
  }

  interface TransportResponse {
    readonly status: number;
    readonly text: string;
    readonly redirected: boolean;
  }

  /** The runtime's version. */
  const version: string;
  /** Sends every call; fetch by default. Replaceable (tests, instrumentation). */
  let transport: (request: TransportRequest) => Promise<TransportResponse>;
  /**
   * Fetches the page (GET, same origin) as a document when a call's token has expired, so the control
   * can take its current token and send the call again. Replaceable (tests, instrumentation).
   */
  let fetchPage: (url: string) => Promise<Document | null>;
  /** Makes a client type available to server controls that render data-cc-control="name", and starts those in the page. */
  function registerType(name: string, constructor: new (element: HTMLElement, options: any) => CallbackClient<any>): void;
  /** Starts every control found in (and including) the node. The runtime does it for the page and for markup added later. */
  function start(node: Node): void;
  /**
   * The client object of a control, by client name or element id, or null. Say which kind you expect:
   * get<CallbackControls.RefreshingChartClient>('Chart1').
   */
  function get<TClient extends CallbackClient<any> = CallbackClient>(nameOrId: string): TClient | null;
  /** Disposes the objects of controls no longer in the document. */
  function sweep(): void;
  /** Disposes every client object (the runtime does it on pagehide). */
  function disposeAll(): void;
  /** The page's push connection, on pages with a control that has a PushTopic. */
  const push: PushConnection | undefined;
  /**
   * Adds a part of the runtime that follows every client object (as the push connection does): started(instance)
   * for those running and each started later, disposed(instance) as each ends. Not needed by page script.
   */
  function extend<T extends { started(instance: CallbackClient<any>): void; disposed(instance: CallbackClient<any>): void }>(
    factory: (runtime: typeof CallbackControls, internals: unknown, root: typeof globalThis) => T): T;
  /**
   * Defines a client type for server controls that render data-cc-control="name" and starts those in
   * the page. The factory gets the runtime, the runtime's own helpers (not part of the API: they may
   * change in any version, and are never published on the page) and the global object.
   */
  function define<T extends new (element: HTMLElement, options: any) => CallbackClient<any>>(
    name: string, factory: (runtime: typeof CallbackControls, internals: unknown, root: typeof globalThis) => T): T;
}

interface Window {
  CallbackControls: typeof CallbackControls;
}
