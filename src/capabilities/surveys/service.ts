import type { IngestService } from '../ingest/service.ts';
import type { JourneyService } from '../journeys/service.ts';
import type { DomainEvents } from '../../platform/events/delivery.ts';
import type { Store } from '../../platform/store/port.ts';
import { Answers } from './answers.ts';
import { DEFAULT_SURVEY_CONFIG, type SurveyConfig } from './config.ts';
import { ContactPolicies } from './contact-policy.ts';
import { SurveyDefinitions } from './definitions.ts';
import { Dispatcher } from './dispatcher.ts';
import { surveyError } from './errors.ts';
import { Invitations } from './invitations.ts';
import { LinkTokens } from './link-tokens.ts';
import { smtpSender, type EmailSender } from '../../platform/messaging/email.ts';
import { resultsOf } from './results.ts';
import { TriggerSubscriber } from './triggers.ts';
import { dispatchLoop } from './worker.ts';

export interface WorkerOptions {
  /** Base URL of links in emails when the config does not set one (the server's own URL). */
  serverUrl: string;
  /** Overrides the SMTP sender built from the config (benchmarks, tests of failure). */
  email?: EmailSender | null;
  onError?: (error: unknown) => void;
}

/**
 * The surveys capability: definitions and their triggers (a subscriber to the domain events of
 * stored events), the contact policy, invitations and their signed links, answers and results, and the
 * delivery worker that a server process starts.
 */
export class SurveyService {
  readonly definitions: SurveyDefinitions;
  readonly policies: ContactPolicies;
  readonly tokens: LinkTokens;
  readonly invitations: Invitations;
  readonly answers: Answers;
  readonly triggers: TriggerSubscriber;

  constructor(
    private readonly store: Store,
    ingest: IngestService,
    journeys: JourneyService,
    events: DomainEvents,
    private readonly now: () => number,
    readonly config: SurveyConfig = DEFAULT_SURVEY_CONFIG,
  ) {
    this.definitions = new SurveyDefinitions(store, journeys);
    this.policies = new ContactPolicies(store);
    this.tokens = new LinkTokens(store);
    this.invitations = new Invitations(store, this.definitions, this.tokens);
    this.answers = new Answers(store, ingest);
    this.triggers = new TriggerSubscriber(store, this.definitions, this.invitations);
    ingest.watched.declare(this.triggers.interest);
    journeys.declareUsers(async (workspaceId) =>
      (await this.definitions.list(workspaceId)).flatMap((survey) => {
        const fix = `PUT /v1/surveys/${survey.id}`;
        const user = `survey "${survey.id}"`;
        const triggers = survey.triggers.flatMap((t) =>
          t.touchpoint ? [{ touchpoint: t.touchpoint, user: `${user} (trigger "${t.id}")`, fix }] : [],
        );
        return [{ touchpoint: survey.touchpoint, user, fix }, ...triggers];
      }),
    );
    events.subscribe(this.triggers);
  }

  async results(workspaceId: string, surveyId: string) {
    const survey = await this.definitions.get(workspaceId, surveyId);
    if (!survey) throw surveyError('not_found', `no survey "${surveyId}" in this workspace`);
    return resultsOf(this.store, workspaceId, survey);
  }

  dispatcher(options: { publicUrl: string; email: EmailSender | null }): Dispatcher {
    return new Dispatcher({
      store: this.store,
      definitions: this.definitions,
      policies: this.policies,
      invitations: this.invitations,
      config: this.config.dispatch,
      email: options.email,
      publicUrl: () => this.config.publicUrl ?? options.publicUrl,
      now: this.now,
    });
  }

  /** Starts delivering invitations in this process; new due invitations wake it at once. */
  startWorker(options: WorkerOptions) {
    const email = options.email === undefined ? smtpSender(this.config.smtp) : options.email;
    const dispatcher = this.dispatcher({ publicUrl: options.serverUrl, email });
    void dispatcher.recover().catch(() => undefined); // a failure shows again in the first run
    const onError = options.onError ?? (() => undefined);
    const loop = dispatchLoop(dispatcher, { ...this.config.dispatch, onError }).start();
    this.triggers.onScheduled = () => loop.kick();
    return {
      dispatcher,
      kick: () => loop.kick(),
      async stop() {
        await loop.stop();
        email?.close();
      },
    };
  }
}
