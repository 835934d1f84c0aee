/** The widget's own words in the languages the answers speak; English for any other. */
export interface HelpWords {
  open: string;
  title: string;
  label: string;
  ask: string;
  close: string;
  thinking: string;
  none: string;
  helped: string;
  yes: string;
  no: string;
  glad: string;
  ces: string;
  cesEnds: [string, string];
  thanks: string;
  person: string;
  email: string;
  message: string;
  send: string;
  handed: string;
  failed: string;
  read: string;
  unavailable: string;
}

const WORDS: Record<string, HelpWords> = {
  en: {
    open: 'Help',
    title: 'Help',
    label: 'Your question',
    ask: 'Ask',
    close: 'Close help',
    thinking: 'Looking…',
    none: 'We found no answer to that.',
    helped: 'Did this help?',
    yes: 'Yes',
    no: 'No',
    glad: 'Glad it helped.',
    ces: 'How easy was it to get your answer?',
    cesEnds: ['Very hard', 'Very easy'],
    thanks: 'Thank you.',
    person: 'Talk to a person',
    email: 'Your email, for the reply',
    message: 'Anything to add? (optional)',
    send: 'Send to our team',
    handed: 'We handed your conversation to our team; they will reply by email.',
    failed: 'Something went wrong; please try again.',
    read: 'Read the article',
    unavailable: 'Our team cannot be reached from here; please use the contact page.',
  },
  de: {
    open: 'Hilfe',
    title: 'Hilfe',
    label: 'Ihre Frage',
    ask: 'Fragen',
    close: 'Hilfe schließen',
    thinking: 'Einen Moment…',
    none: 'Dazu haben wir keine Antwort gefunden.',
    helped: 'Hat das geholfen?',
    yes: 'Ja',
    no: 'Nein',
    glad: 'Schön, dass es geholfen hat.',
    ces: 'Wie einfach war es, Ihre Antwort zu bekommen?',
    cesEnds: ['Sehr schwer', 'Sehr einfach'],
    thanks: 'Danke.',
    person: 'Mit einem Menschen sprechen',
    email: 'Ihre E-Mail-Adresse für die Antwort',
    message: 'Möchten Sie etwas ergänzen? (optional)',
    send: 'An unser Team senden',
    handed: 'Wir haben Ihr Gespräch an unser Team übergeben; es antwortet per E-Mail.',
    failed: 'Etwas ist schiefgegangen; bitte versuchen Sie es erneut.',
    read: 'Artikel lesen',
    unavailable: 'Unser Team ist hier nicht erreichbar; bitte nutzen Sie die Kontaktseite.',
  },
  fr: {
    open: 'Aide',
    title: 'Aide',
    label: 'Votre question',
    ask: 'Demander',
    close: "Fermer l'aide",
    thinking: 'Un instant…',
    none: "Nous n'avons pas trouvé de réponse.",
    helped: 'Cela vous a-t-il aidé ?',
    yes: 'Oui',
    no: 'Non',
    glad: 'Ravis que cela ait aidé.',
    ces: 'Était-il facile d’obtenir votre réponse ?',
    cesEnds: ['Très difficile', 'Très facile'],
    thanks: 'Merci.',
    person: 'Parler à une personne',
    email: 'Votre e-mail, pour la réponse',
    message: 'Autre chose à ajouter ? (facultatif)',
    send: "Envoyer à l'équipe",
    handed: 'Nous avons transmis votre conversation à notre équipe ; elle répondra par e-mail.',
    failed: 'Une erreur est survenue ; veuillez réessayer.',
    read: "Lire l'article",
    unavailable: "Notre équipe n'est pas joignable d'ici ; utilisez la page de contact.",
  },
};

export function helpWords(language: string): { language: string; words: HelpWords } {
  const base = language.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return WORDS[base] ? { language: base, words: WORDS[base] } : { language: 'en', words: WORDS.en! };
}
