/**
 * English function words: never a theme term, never a search term, and the cheap first test of
 * "is this English" (a comment in English is full of them; one in French or German is not).
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have
  having he her here hers herself him himself his how i i'm i've i'd i'll if in into is it it's its itself
  just let's me more most my myself of off on once only or other ought our ours ourselves out over own
  same she should so some such than that that's the their theirs them themselves then there there's
  these they they're this those through to too under until up very was we we're we've were what when
  where which while who whom why will with would you you're you've your yours yourself yourselves
  also get got im ive id dont didnt cant wont isnt wasnt one two three us via yet still even ever
  please hi hello thanks thank would could should may might must shall oh ok okay yes no not never
  now just really much many lot lots like well back today yesterday week weeks day days time times`
    .split(/\s+/)
    .filter(Boolean),
);
