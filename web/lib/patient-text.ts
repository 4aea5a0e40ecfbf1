import type { Certainty } from '#shared/aid/schema';
import {
  ratingLabels,
  sureQuestions,
  type DecisionRole,
  type DecisionTiming,
  type OwnFit,
  type PressureAnswer,
  type StepName,
  type SureItem,
} from '#shared/record/rules';

/**
 * Every piece of interface text a patient reads, in one place: plain words
 * (grade 6 or below, checked by a test) and ready for translation. The aid's
 * own content is the author's, checked by the editor.
 */
export const patientText = {
  siteName: 'Decide Together',
  demonstrationBanner:
    'This is a demo. It is not for use in real care. The numbers are made up to show how it works.',
  illustrativeNumber: 'Made-up number, for the demo',
  noRightAnswer: 'There is no right answer. The best choice depends on what matters most to you.',

  // The guide as it is shown
  yourOptions: 'Your options',
  noActionOption: 'Waiting or no treatment',
  comparingOptions: 'The options side by side',
  questionsPeopleAsk: 'Questions people ask',
  numberOutOf: (numerator: number, denominator: number) => `${numerator} out of ${denominator}`,
  sourcesHeading: 'Where this comes from',
  sourceNumber: (n: number) => `Source ${n}`,
  noDate: 'No date given',
  aboutThisGuide: 'About this guide',
  howMade: 'How it was made',
  readingLevelTitle: 'How easy it is to read',
  readingLevel: (grade: number) =>
    `About school grade ${Math.round(grade)} (age ${Math.round(grade) + 5} to ${Math.round(grade) + 6}). Guides like this aim for grade 8 or lower.`,
  writtenBy: 'Written by',
  paidForBy: 'Paid for by',
  conflicts: 'Conflicts of interest',
  evidenceChecked: (date: string) => `The facts were last checked on ${date}.`,
  nextCheck: (date: string) => `They will be checked again by ${date}.`,
  howUpdated: 'How we keep it up to date',
  whoFor: 'Who this is for',
  theDecision: 'The choice',
  theCondition: 'About the health problem',
  versionLine: (version: number, date: string) => `Version ${version}, from ${date}`,
  draftLine: 'Draft: not out yet',
  notAnswered: 'Not answered yet',
  certainty: {
    high: 'We are very sure about this.',
    moderate: 'We are fairly sure about this.',
    low: 'We are not very sure about this.',
    'very-low': 'We are not sure about this at all.',
    'not-known': "We don't know. There is no good research on this yet.",
  } satisfies Record<Certainty, string>,

  // The link
  welcomeTitle: 'Your guide for your choice',
  welcomeFrom: (clinic: string) =>
    `${clinic} has asked you to read this guide before your next visit.`,
  welcomeSteps:
    'It has 7 short steps. It takes about 15 minutes. You can stop and come back to it. We save each step.',
  welcomePrivacy:
    'We do not ask for your name. Your answers go only to your clinic. Keep your link to yourself.',
  welcomeLinkUntil: (date: string) => `This link works until ${date}.`,
  start: 'Start',
  linkNotFoundTitle: 'We could not find this link',
  linkNotFound:
    'Check that you typed the whole link. If it still does not work, call your clinic and ask for a new one.',
  linkGoneTitle: 'This link no longer works',
  linkExpired: 'This link has run out of time. Call your clinic and ask for a new one.',
  linkRevoked: 'Your clinic has stopped this link. Call your clinic if you want a new one.',
  sessionEndedTitle: 'Please open your link again',
  sessionEnded:
    'For your safety, we close the guide after a while. Open the link or scan the code from your clinic again. Your answers are saved.',
  notSavedTryAgain:
    'We could not save this just now. Your answers are still here. Wait a moment, then press the button again.',
  unavailableTitle: 'Please try again in a moment',
  unavailable:
    'We cannot reach your answers just now. They are safe. Wait a moment, then reload this page.',
  somethingWrongTitle: 'Something went wrong',
  somethingWrong:
    'We could not show this page. Your answers are saved. Please try again in a few minutes.',

  leave: 'Leave the guide',
  leftTitle: 'You have left the guide',
  leftBody: 'Your answers are saved. To come back, open the link from your clinic again.',

  // The printed handout a clinic gives with the link
  handoutTitle: 'A guide to help you choose',
  handoutIntro: 'Your clinic would like you to read this guide before your next visit.',
  handoutScan: 'Scan the code with your phone camera, or type the link into a web browser.',
  handoutTime: 'It takes about 15 minutes. You can stop and come back. We save each step.',
  handoutPrivacy: 'Keep this link to yourself. Anyone with it can see your answers.',
  handoutUntil: (date: string) => `The link works until ${date}.`,
  qrCodeLabel: 'QR code of the link to your guide',

  // Steps
  stepOf: (step: number, total: number) => `Step ${step} of ${total}`,
  progressLabel: 'Your progress',
  next: 'Save and go on',
  back: 'Save and go back',
  saveHere: 'Save',
  changedElsewhereTitle: 'This was changed in another window',
  changedElsewhere:
    'Someone changed these answers in another window or on another device. We did not save over them. Your answers from this page are below. Check them and save again.',
  fixErrors: 'Please check the answers marked below. We have not saved this page yet.',
  formTooLarge:
    'This page sent more than it can hold, so we have not saved it. Please go back to this step and try again.',
  stepTitles: [
    'The choice',
    'The options',
    'What matters to you',
    'How the options fit',
    'Are you ready?',
    'Questions and notes',
    'Your summary',
  ],

  // Step 1: how you want to decide
  howToDecideTitle: 'How you want to decide',
  howToDecideIntro:
    'These questions help your clinic know how to help you. You can skip any of them.',
  roleLegend: 'How do you want to make this choice?',
  roles: {
    myself: 'I want to decide myself, after I hear about the options.',
    together: 'I want to decide together with my clinic.',
    clinician: 'I want to leave it to my clinic.',
  } satisfies Record<DecisionRole, string>,
  othersLabel: 'Who else do you want to help you decide?',
  othersHint: 'For example, family or a friend. You can leave this empty.',
  pressureLegend: 'Is anyone pushing you to pick one option?',
  pressure: {
    no: 'No',
    yes: 'Yes',
    unsure: "I'm not sure",
  } satisfies Record<PressureAnswer, string>,
  timingLegend: 'When do you need to decide?',
  timing: {
    days: 'In the next few days',
    weeks: 'In the next few weeks',
    months: 'In the next few months',
    'no-rush': 'There is no rush',
    unknown: "I don't know",
  } satisfies Record<DecisionTiming, string>,
  yourHowToDecide: 'How you want to decide',
  yourOthers: 'Who else helps you decide',

  // Step 2
  openEachQuestion: 'Tap a question to see what the guide says about each option.',
  marksLegend: 'Which of these questions matter to you?',
  marksHint: 'Tick as many as you like. This helps in the next steps.',

  // Step 3
  valuesIntro:
    'How much does each of these matter to you? There is no right answer. You can skip any of them.',
  ratingLabels,
  youMarkedThis: 'You marked this as something that matters to you.',
  ownConcernsLegend: 'Is there something else that matters to you?',
  ownConcernsHint: 'Add up to 5 things in your own words. You can leave these empty.',
  ownConcernLabel: (n: number) => `Your own thing ${n}`,
  ownConcernRating: 'How much does it matter?',
  addAnother: 'Save and add one more',

  // Step 4
  fitIntro:
    'Here is how each option does on the things you said matter quite a lot or a lot. This is not advice. It is a way to see your choice more clearly.',
  fitNothingImportant:
    'You did not say that anything matters quite a lot or a lot. You can go back to step 3 and change your answers, or go on.',
  fitAuthorsSay:
    'The groups below show what the people who wrote this guide think. The facts they used are next to each one.',
  doesBetter: 'The guide says it does better on',
  doesWorse: 'The guide says it does worse on',
  aboutSame: 'The guide says it is about the same on',
  itDepends: 'The guide says it depends on the person for',
  noJudgement: 'The guide does not say how it compares on',
  nothingHere: 'None of the things you chose',
  certaintyNotGiven: 'The guide does not say how sure we are.',
  yourOwnThings: 'Your own things: what you think',
  yourOwnThingsHint: 'Only you can judge these. Say what you think, or that you want to ask.',
  ownFitLegend: (concern: string, option: string) => `${option}: ${concern}`,
  ownFits: {
    helps: 'It helps with this',
    harder: 'It makes this harder',
    ask: "I don't know. I want to ask.",
  } satisfies Record<OwnFit, string>,
  mattersToYou: (label: string) => `matters to you: ${label}`,
  leaningLegend: 'Which option are you leaning towards?',
  leaningHint: 'It is fine not to know yet. You can change this later.',
  notSureYet: 'Not sure yet',

  // Step 5
  sureIntro: 'Answer yes or no. This helps you and your clinic see if you are ready to decide.',
  sureQuestions,
  yes: 'Yes',
  no: 'No',
  sureScore: (score: number) => `You said yes to ${score} of 4 questions.`,
  surePartScore: (yes: number, answered: number) =>
    `You said yes to ${yes} of the ${answered} questions you answered.`,
  sureLow:
    'Lots of people feel this way before they decide. That is fine. Your visit is the place to talk it through with your clinic.',
  sureAllYes: 'You said yes to all 4. You can still talk it through at your visit.',
  sureNextTitle: 'What you can do next',
  sureNext: {
    sure: {
      text: 'Not sure about the best choice for you? That is fine. Look again at how the options fit. Then talk it through at your visit.',
      step: 'leaning',
    },
    understand: {
      text: 'Not sure of the benefits and risks? Read the options again, or write down what to ask.',
      step: 'options',
    },
    riskBenefit: {
      text: 'Not clear which benefits and risks matter most to you? Think again about what matters to you.',
      step: 'values',
    },
    encouragement: {
      text: 'Need more support or advice? Think of who can help you. You can bring them to your visit, or write down what to ask.',
      step: 'questions',
    },
  } satisfies Record<SureItem, { text: string; step: StepName }>,
  goToStep: (step: number) => `Go to step ${step}`,
  sureAttribution:
    'These 4 questions are the SURE test, © O’Connor and Légaré. It comes from a paper by Légaré and others, 2010.',
  understandingTitle: 'Check what you read',
  understandingIntro:
    'This is not a test. It helps you and your clinic see what to talk about. If you do not know, pick "I\'m not sure".',
  /** `happens`: the number's outcome and time frame, "have less pain over 1 year". */
  understandingQuestion: (
    rowQuestion: string,
    option: string,
    denominator: number,
    who: string,
    happens: string,
  ) =>
    `${rowQuestion} ${option}. Out of ${denominator} ${who}, about how many ${happens.trim() || 'are counted here'}?`,
  notSureAnswer: "I'm not sure",
  guideSays: (numerator: number, denominator: number) =>
    `The guide says ${numerator} out of ${denominator}.`,
  readAgain: (step: number, question: string) =>
    `You can read it again in step ${step}, under "${question}".`,
  worriesLabel: 'Is there anything that worries you?',
  worriesHint: 'You can leave this empty.',

  // Step 6
  questionsLabel: 'What do you want to ask at your visit?',
  questionsHint: 'Write each question on its own line.',
  readElsewhereLabel: 'Things you have read or heard elsewhere',
  readElsewhereHint:
    'For example, from a website, a friend or a leaflet. You can leave this empty.',
  readElsewhereLink: 'A web link, if you have one',

  // Step 7
  summaryIntro:
    'Here is everything you said. Take it to your visit, or print it. You can still change it until your visit.',
  editStep: (step: number) => `Change step ${step}`,
  yourMarks: 'Questions you marked',
  yourRatings: 'What matters to you',
  yourOwnConcerns: 'Your own things',
  yourLeaning: 'You are leaning towards',
  yourSure: 'Are you ready?',
  yourWorries: 'What worries you',
  yourQuestions: 'Your questions',
  yourReading: 'What you read elsewhere',
  yourGrid: 'What the guide says about what matters to you',
  skipped: 'Skipped',
  nothingYet: 'Nothing yet',
  ready: "I'm ready for my visit",
  readyDone:
    'Thank you. Your clinic can see that you are ready. You can still change your answers until your visit.',
  printHint: 'To keep a copy, print this page or save it as a PDF from your browser.',

  // After the visit: the decided record
  recordTitle: 'Your decision record',
  recordIntro:
    'This is what you and your clinic wrote down at your visit. It is your record too. You can read it and keep a copy.',
  welcomeDecided:
    'You and your clinic have made a plan at your visit. Open your record to read it and keep a copy.',
  openRecord: 'Open your record',
  decidedTitle: 'What you decided together',
  notDecidedYet: 'You have not decided yet.',
  nextStep: (step: string, date: string) => `Next step: ${step}. By ${date}.`,
  notesTitle: 'Notes from your visit',
  openQuestionsTitle: "What we don't know yet",
  followUpTitle: 'What happens next',
  participantsTitle: 'Who else took part',
  noneWritten: 'Nothing written',
  decisionWrittenBy: (name: string, date: string) => `Written down by ${name} on ${date}.`,
  confirmTitle: 'Is this right?',
  confirmIntro:
    'If this is what you and your clinic decided, please say so. You can add a comment if you like.',
  commentLabel: 'Your comment',
  commentHint: 'You can leave this empty.',
  confirmButton: 'Yes, this is what we decided together',
  confirmedOn: (date: string) => `You said this is right on ${date}.`,
  commentNotKept: (comment: string) =>
    `Your clinic had already written down that you agree. So we could not add your comment: "${comment}". You can tell your clinic.`,
  recordChanged:
    'Your clinic changed your record a moment ago. Please read it again. Then say if it is right.',
  confirmedAtVisit: (date: string) => `You said this is right at your visit on ${date}.`,
  yourComment: 'Your comment',
  changedAfter: 'The clinic changed the record after you said it was right.',
  changesTitle: 'Changes after your visit',
  changeLine: (date: string, name: string) => `On ${date}, ${name} changed the record.`,
  changeReason: 'Why',
  changedParts: 'What changed',
  decisionParts: {
    choice: 'What you decided',
    notes: 'Notes',
    openQuestions: "What we don't know yet",
    followUp: 'What happens next',
    participants: 'Who else took part',
  },
  downloadRecord: 'Download your record (PDF)',
  yourAnswersTitle: 'What you told your clinic',
  historyTitle: 'Who has seen or changed your record',
  historyIntro: 'We keep a note each time someone opens or changes your record.',
  history: {
    opened: 'You opened your link',
    ready: 'You said you were ready for your visit',
    viewed: (name: string) => `${name} opened your record`,
    viewedTimes: (name: string, times: number) => `${name} opened your record ${times} times`,
    exported: (name: string) => `${name} saved a copy of your record`,
    decided: (name: string) => `${name} wrote down what you decided`,
    confirmedByYou: 'You said the record is right',
    confirmedAtVisit: (name: string) => `You said the record is right, with ${name}`,
    amended: (name: string) => `${name} changed the record`,
    extended: (name: string, date: string) => `${name} gave your link more time, to ${date}`,
    withdrawn: (name: string) => `${name} stopped your link`,
  },
} as const;
