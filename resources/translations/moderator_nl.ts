<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>AccountsMenu</name>
    <message>
        <source>&amp;Accounts</source>
        <translation>&amp;Accounts</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>Account &amp;toevoegen…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Afmelden</translation>
    </message>
    <message>
        <source>&amp;Forget this account</source>
        <translation>Dit account &amp;vergeten</translation>
    </message>
</context>
<context>
    <name>AddConsentDialog</name>
    <message>
        <source>Record consent</source>
        <translation>Toestemming vastleggen</translation>
    </message>
    <message>
        <source>Consent of %1</source>
        <translation>Toestemming van %1</translation>
    </message>
    <message>
        <source>Share with</source>
        <translation>Delen met</translation>
    </message>
    <message>
        <source>All of the learner&apos;s work in this course</source>
        <translation>Al het werk van de cursist in deze cursus</translation>
    </message>
    <message>
        <source>Only: %1</source>
        <translation>Alleen: %1</translation>
    </message>
    <message>
        <source>Covers</source>
        <translation>Geldt voor</translation>
    </message>
    <message>
        <source>Images and attachments may be shared too</source>
        <translation>Afbeeldingen en bijlagen mogen ook gedeeld worden</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Bewijs</translation>
    </message>
    <message>
        <source>Where the evidence is, e.g. the message&apos;s date</source>
        <translation>Waar het bewijs te vinden is, bijvoorbeeld de datum van het bericht</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>Gegeven op</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Geldig tot</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Vastleggen</translation>
    </message>
    <message>
        <source>Say in the note where the evidence is.</source>
        <translation>Vermeld in de notitie waar het bewijs te vinden is.</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Results chart</source>
        <translation>Grafiek met de uitslag</translation>
    </message>
    <message>
        <source>No answers yet</source>
        <translation>Nog geen antwoorden</translation>
    </message>
    <message>
        <source>%1: %2 (%3%)</source>
        <translation>%1: %2 (%3%)</translation>
    </message>
    <message>
        <source>No options</source>
        <translation>Geen keuzes</translation>
    </message>
</context>
<context>
    <name>ComingSoonPage</name>
    <message>
        <source>Coming soon: this part of Moderator Desk is being built. The queue already works.</source>
        <translation>Binnenkort: aan dit deel van Moderator Desk wordt nog gewerkt. De wachtrij werkt al wel.</translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actief</translation>
    </message>
    <message>
        <source>occasional</source>
        <translation>af en toe</translation>
    </message>
    <message>
        <source>silent (visits, never posted)</source>
        <translation>stil (komt wel, schreef nooit)</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>afwezig</translation>
    </message>
    <message>
        <source>hidden by the site</source>
        <translation>verborgen door de site</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nooit</translation>
    </message>
    <message>
        <source>Participation: %1; %2 discussions started, %3 replies (%4 to other learners); last post %5; last visit %6</source>
        <translation>Deelname: %1; %2 discussies gestart, %3 reacties (%4 op andere deelnemers); laatste bericht %5; laatste bezoek %6</translation>
    </message>
    <message>
        <source>Peers in the learner&apos;s group</source>
        <translation>Medecursisten in de groep van de cursist</translation>
    </message>
    <message>
        <source>The whole course</source>
        <translation>De hele cursus</translation>
    </message>
    <message>
        <source>Other cohorts, as an example</source>
        <translation>Andere lichtingen, als voorbeeld</translation>
    </message>
    <message>
        <source>Site policy acceptance</source>
        <translation>Akkoord met het sitebeleid</translation>
    </message>
    <message>
        <source>Message from the learner</source>
        <translation>Bericht van de cursist</translation>
    </message>
    <message>
        <source>Signed form</source>
        <translation>Ondertekend formulier</translation>
    </message>
    <message>
        <source>No consent</source>
        <translation>Geen toestemming</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Geldig</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Verlopen</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Ingetrokken</translation>
    </message>
    <message>
        <source>Not yet valid</source>
        <translation>Nog niet geldig</translation>
    </message>
    <message>
        <source>This learner has not given consent to share their work.</source>
        <translation>Deze cursist heeft geen toestemming gegeven om zijn of haar werk te delen.</translation>
    </message>
    <message>
        <source>The consent was withdrawn on %1.</source>
        <translation>De toestemming is op %1 ingetrokken.</translation>
    </message>
    <message>
        <source>The consent expired on %1.</source>
        <translation>De toestemming is op %1 verlopen.</translation>
    </message>
    <message>
        <source>The consent only starts on %1.</source>
        <translation>De toestemming gaat pas in op %1.</translation>
    </message>
    <message>
        <source>The consent covers sharing with: %1. This share reaches further.</source>
        <translation>De toestemming geldt voor delen met: %1. Deze deling reikt verder.</translation>
    </message>
    <message>
        <source>The consent covers another post, not this one.</source>
        <translation>De toestemming geldt voor een ander bericht, niet voor dit bericht.</translation>
    </message>
    <message>
        <source>The chosen place reaches %1, more than the chosen scope allows.</source>
        <translation>De gekozen plek bereikt %1, meer dan het gekozen bereik toestaat.</translation>
    </message>
    <message>
        <source>The post is not in the local store yet; sync first.</source>
        <translation>Het bericht staat nog niet op deze computer; synchroniseer eerst.</translation>
    </message>
    <message>
        <source>Choose where the example goes.</source>
        <translation>Kies waar het voorbeeld komt.</translation>
    </message>
    <message>
        <source>Learner</source>
        <translation>Cursist</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Toestemming</translation>
    </message>
    <message>
        <source>Widest scope</source>
        <translation>Breedste bereik</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>Gedeeld</translation>
    </message>
    <message>
        <source>Retracted</source>
        <translation>Ingetrokken</translation>
    </message>
    <message>
        <source>Last withdrawn</source>
        <translation>Laatst ingetrokken</translation>
    </message>
    <message>
        <source>Consent is read from the site&apos;s policy acceptances at each sync: a withdrawal there retracts what was shared under it.</source>
        <translation>Toestemming wordt bij elke synchronisatie afgelezen uit wie akkoord ging met het sitebeleid: een intrekking daar trekt terug wat eronder gedeeld is.</translation>
    </message>
    <message>
        <source>Policy acceptances cannot be read from this site: it does not offer %1 (the Moderator Desk plugin, local_moderatordesk, adds it). Record consent from a message or a signed form instead.</source>
        <translation>Wie akkoord ging met het sitebeleid, is op deze site niet uit te lezen: de site biedt %1 niet aan (de Moderator Desk-plug-in, local_moderatordesk, voegt die toe). Leg toestemming in plaats daarvan vast op basis van een bericht of een ondertekend formulier.</translation>
    </message>
    <message>
        <source>Policy acceptances cannot be read from this site: its policies are not kept with Moodle&apos;s policy tool (tool_policy). Record consent from a message or a signed form instead.</source>
        <translation>Wie akkoord ging met het sitebeleid, is op deze site niet uit te lezen: het beleid wordt niet met Moodles beleidstool (tool_policy) beheerd. Leg toestemming in plaats daarvan vast op basis van een bericht of een ondertekend formulier.</translation>
    </message>
    <message>
        <source>Policy acceptances cannot be read with your account: a site administrator must give your role local/moderatordesk:viewacceptances. Record consent from a message or a signed form instead.</source>
        <translation>Met jouw account is niet uit te lezen wie akkoord ging met het sitebeleid: een sitebeheerder moet je rol local/moderatordesk:viewacceptances geven. Leg toestemming in plaats daarvan vast op basis van een bericht of een ondertekend formulier.</translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message>
        <source>Everyone</source>
        <translation>Iedereen</translation>
    </message>
    <message>
        <source>Search a name</source>
        <translation>Zoek een naam</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Cursus</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Tonen</translation>
    </message>
    <message>
        <source>&amp;Reveal pseudonym…</source>
        <translation>Schuilnaam &amp;onthullen…</translation>
    </message>
    <message>
        <source>Export audit trail (CSV)…</source>
        <translation>Logboek exporteren (CSV)…</translation>
    </message>
    <message>
        <source>No system keyring: pseudonyms are kept for this session only and will change at the next start.</source>
        <translation>Geen wachtwoordkluis (keyring) op dit systeem: schuilnamen gelden alleen voor deze sessie en veranderen bij de volgende start.</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Bereik</translation>
    </message>
    <message>
        <source>Covers</source>
        <translation>Geldt voor</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Bewijs</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Record consent…</source>
        <translation>Toestemming &amp;vastleggen…</translation>
    </message>
    <message>
        <source>&amp;Withdraw consent</source>
        <translation>Toestemming &amp;intrekken</translation>
    </message>
    <message>
        <source>Ask for &amp;consent…</source>
        <translation>Om &amp;toestemming vragen…</translation>
    </message>
    <message>
        <source>Posts by this learner</source>
        <translation>Berichten van deze cursist</translation>
    </message>
    <message>
        <source>&amp;Share as example…</source>
        <translation>&amp;Delen als voorbeeld…</translation>
    </message>
    <message>
        <source>Audit &amp;report</source>
        <translation>&amp;Logboekoverzicht</translation>
    </message>
    <message>
        <source>Choose a learner.</source>
        <translation>Kies een cursist.</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>geldig</translation>
    </message>
    <message>
        <source>not yet valid</source>
        <translation>nog niet geldig</translation>
    </message>
    <message>
        <source>expired %1</source>
        <translation>verlopen op %1</translation>
    </message>
    <message>
        <source>withdrawn %1</source>
        <translation>ingetrokken op %1</translation>
    </message>
    <message>
        <source>all work</source>
        <translation>al het werk</translation>
    </message>
    <message>
        <source>, with images</source>
        <translation>, met afbeeldingen</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Toestemming</translation>
    </message>
    <message>
        <source>The end date must be after the start date.</source>
        <translation>De einddatum moet na de begindatum liggen.</translation>
    </message>
    <message>
        <source>Consent recorded.</source>
        <translation>Toestemming vastgelegd.</translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation>Toestemming intrekken</translation>
    </message>
    <message>
        <source>Withdraw this consent? Every copy shared under it is removed from the site (at the next sync if you are offline).</source>
        <translation>Deze toestemming intrekken? Elke kopie die hiermee is gedeeld, wordt van de site verwijderd (bij de volgende synchronisatie als je offline bent).</translation>
    </message>
    <message>
        <source>Consent withdrawn; %1 shared copies will be removed.</source>
        <translation>Toestemming ingetrokken; %1 gedeelde kopieën worden verwijderd.</translation>
    </message>
    <message>
        <source>Consent request put in the outbox.</source>
        <translation>Verzoek om toestemming in het postvak uit gezet.</translation>
    </message>
    <message>
        <source>New discussion in %1</source>
        <translation>Nieuwe discussie in %1</translation>
    </message>
    <message>
        <source>New discussion in %1, group %2</source>
        <translation>Nieuwe discussie in %1, groep %2</translation>
    </message>
    <message>
        <source>Reply in “%1”</source>
        <translation>Antwoord in ‘%1’</translation>
    </message>
    <message>
        <source>Example put in the outbox.</source>
        <translation>Voorbeeld in het postvak uit gezet.</translation>
    </message>
    <message>
        <source>Nobody in this course has the pseudonym “%1”.</source>
        <translation>Niemand in deze cursus heeft de schuilnaam ‘%1’.</translation>
    </message>
    <message>
        <source>“%1” is %2. This reveal was recorded.</source>
        <translation>‘%1’ is %2. Deze onthulling is vastgelegd.</translation>
    </message>
    <message>
        <source>Reveal a pseudonym</source>
        <translation>Een schuilnaam onthullen</translation>
    </message>
    <message>
        <source>Consents: %1</source>
        <translation>Toestemmingen: %1</translation>
    </message>
    <message>
        <source>new discussion in %1</source>
        <translation>nieuwe discussie in %1</translation>
    </message>
    <message>
        <source>reply in “%1”</source>
        <translation>antwoord in “%1”</translation>
    </message>
    <message>
        <source>%1: post %2 shared as %3 (%4), under consent from %5</source>
        <translation>%1: bericht %2 gedeeld als %3 (%4), met toestemming van %5</translation>
    </message>
    <message>
        <source>; withdrawn %1 before it was sent: nothing reached the site</source>
        <translation>; ingetrokken %1 voordat het verstuurd was: er is niets op de site gekomen</translation>
    </message>
    <message>
        <source>; retracted %1</source>
        <translation>; ingetrokken op %1</translation>
    </message>
    <message>
        <source>, removed from the site %1</source>
        <translation>, van de site verwijderd op %1</translation>
    </message>
    <message>
        <source>Reveals: %1</source>
        <translation>Onthullingen: %1</translation>
    </message>
    <message>
        <source>Export audit trail</source>
        <translation>Logboek exporteren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-bestanden (*.csv)</translation>
    </message>
    <message>
        <source>Audit trail exported.</source>
        <translation>Logboek geëxporteerd.</translation>
    </message>
    <message>
        <source>Choose a valid consent in the list above to withdraw it.</source>
        <translation>Kies hierboven een geldige toestemming om die in te trekken.</translation>
    </message>
    <message>
        <source>Choose the consent to withdraw in the list above.</source>
        <translation>Kies hierboven de toestemming die je wilt intrekken.</translation>
    </message>
</context>
<context>
    <name>DismissDialog</name>
    <message>
        <source>Dismiss</source>
        <translation>Afhandelen</translation>
    </message>
    <message>
        <source>Why does this discussion need no reply?</source>
        <translation>Waarom heeft deze discussie geen antwoord nodig?</translation>
    </message>
    <message>
        <source>Answered elsewhere</source>
        <translation>Elders beantwoord</translation>
    </message>
    <message>
        <source>No reply needed</source>
        <translation>Geen antwoord nodig</translation>
    </message>
    <message>
        <source>Not a question</source>
        <translation>Geen vraag</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dubbel</translation>
    </message>
    <message>
        <source>Choose or type a reason</source>
        <translation>Kies of typ een reden</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Locked</source>
        <translation>Vergrendeld</translation>
    </message>
    <message>
        <source>Show the discussions locked while a learner had the last word</source>
        <translation>Toon de discussies die vergrendeld zijn terwijl een cursist het laatste woord had</translation>
    </message>
    <message>
        <source>Any age</source>
        <translation>Elke wachttijd</translation>
    </message>
    <message>
        <source>Waited 24 h or more</source>
        <translation>24 uur of langer gewacht</translation>
    </message>
    <message>
        <source>Waited 48 h or more</source>
        <translation>48 uur of langer gewacht</translation>
    </message>
    <message>
        <source>Waited a week or more</source>
        <translation>Een week of langer gewacht</translation>
    </message>
    <message>
        <source>All courses</source>
        <translation>Alle cursussen</translation>
    </message>
    <message>
        <source>All forums</source>
        <translation>Alle forums</translation>
    </message>
</context>
<context>
    <name>ForumsPage</name>
    <message>
        <source>Course / forum</source>
        <translation>Cursus / forum</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wachtend</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n locked</source>
        <translation>
            <numerusform>%n vergrendeld</numerusform>
            <numerusform>%n vergrendeld</numerusform>
        </translation>
    </message>
    <message>
        <source>The site&apos;s policy waits for you</source>
        <translation>Het beleid van de site wacht op je</translation>
    </message>
    <message>
        <source>Accept the site policy (see above); the queue fills at the next sync.</source>
        <translation>Accepteer het sitebeleid (zie boven); de wachtrij vult zich bij de volgende synchronisatie.</translation>
    </message>
    <message>
        <source>Nothing locked</source>
        <translation>Niets vergrendeld</translation>
    </message>
    <message>
        <source>This discussion is locked: replies are closed. A teacher can unlock it on the site.</source>
        <translation>Deze discussie is vergrendeld: reageren kan niet meer. Een docent kan haar op de site ontgrendelen.</translation>
    </message>
    <message>
        <source>Site policy accepted.</source>
        <translation>Sitebeleid geaccepteerd.</translation>
    </message>
    <message>
        <source>The site did not take the agreement: accept the policy on the site.</source>
        <translation>De site heeft de instemming niet aangenomen: accepteer het beleid op de site.</translation>
    </message>
    <message>
        <source>Moderator Desk — %1</source>
        <translation>Moderator Desk — %1</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Wachtrij</translation>
    </message>
    <message>
        <source>Forums</source>
        <translation>Forums</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Gespreksstarters</translation>
    </message>
    <message>
        <source>Polls</source>
        <translation>Peilingen</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Toestemming</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Triage</source>
        <translation>&amp;Triage</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ga naar</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Instellingen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Werkbalk</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Moderator Desk</source>
        <translation>Moderator Desk</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n wacht</numerusform>
            <numerusform>%n wachten</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waiting</source>
        <translation>Niemand wacht</translation>
    </message>
    <message>
        <source>Every learner has an answer. Press F5 to check for new posts.</source>
        <translation>Elke cursist heeft een antwoord. Druk op F5 om te kijken of er nieuwe berichten zijn.</translation>
    </message>
    <message>
        <source>claimed by %1</source>
        <translation>opgepakt door %1</translation>
    </message>
    <message>
        <source>locked: replies are closed</source>
        <translation>gesloten: reageren kan niet meer</translation>
    </message>
    <message>
        <source>Un&amp;claim</source>
        <translation>&amp;Vrijgeven</translation>
    </message>
    <message>
        <source>&amp;Next item</source>
        <translation>&amp;Volgende</translation>
    </message>
    <message>
        <source>&amp;Previous item</source>
        <translation>V&amp;orige</translation>
    </message>
    <message>
        <source>&amp;Open thread</source>
        <translation>Discussie &amp;openen</translation>
    </message>
    <message>
        <source>Back to the &amp;list</source>
        <translation>Terug naar de &amp;lijst</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Antwoorden</translation>
    </message>
    <message>
        <source>Write a reply to this discussion</source>
        <translation>Schrijf een antwoord in deze discussie</translation>
    </message>
    <message>
        <source>&amp;Send reply</source>
        <translation>Antwoord &amp;versturen</translation>
    </message>
    <message>
        <source>&amp;Dismiss…</source>
        <translation>A&amp;fhandelen…</translation>
    </message>
    <message>
        <source>No reply needed: hide it, with a reason</source>
        <translation>Geen antwoord nodig: verbergen, met een reden</translation>
    </message>
    <message>
        <source>S&amp;nooze…</source>
        <translation>&amp;Uitstellen…</translation>
    </message>
    <message>
        <source>Hide it until a later moment</source>
        <translation>Verbergen tot een later moment</translation>
    </message>
    <message>
        <source>&amp;Claim</source>
        <translation>&amp;Oppakken</translation>
    </message>
    <message>
        <source>Tell colleagues you are answering this one</source>
        <translation>Laat collega&apos;s weten dat jij deze beantwoordt</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <source>Undo the last dismiss, snooze or claim</source>
        <translation>Maak het laatste afhandelen, uitstellen of oppakken ongedaan</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>Nu s&amp;ynchroniseren</translation>
    </message>
    <message>
        <source>Fetch new posts and send the outbox</source>
        <translation>Nieuwe berichten ophalen en het postvak uit versturen</translation>
    </message>
    <message>
        <source>Stop s&amp;ync</source>
        <translation>S&amp;ynchronisatie stoppen</translation>
    </message>
    <message>
        <source>&amp;Search the queue</source>
        <translation>&amp;Zoeken in de wachtrij</translation>
    </message>
    <message>
        <source>Out&amp;box…</source>
        <translation>Postvak &amp;uit…</translation>
    </message>
    <message>
        <source>See what waits to be sent; retry or cancel</source>
        <translation>Bekijk wat nog verstuurd moet worden; opnieuw proberen of annuleren</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Sneltoetsen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>Offline: showing the posts stored on this computer.</source>
        <translation>Offline: je ziet de berichten die op deze computer staan.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Versturen…</translation>
    </message>
    <message>
        <source>Reply sent.</source>
        <translation>Antwoord verstuurd.</translation>
    </message>
    <message>
        <source>Offline: the reply waits in the outbox and goes at the next sync.</source>
        <translation>Offline: het antwoord wacht in het postvak uit en gaat mee met de volgende synchronisatie.</translation>
    </message>
    <message>
        <source>The site refused the reply (%1). It waits in the Outbox: retry it or copy your text from there.</source>
        <translation>De site weigerde het antwoord (%1). Het wacht in het Postvak uit: probeer het daar opnieuw of kopieer je tekst.</translation>
    </message>
    <message>
        <source>The reply is on its way to the site.</source>
        <translation>Het antwoord is onderweg naar de site.</translation>
    </message>
    <message>
        <source>The reply was cancelled.</source>
        <translation>Het antwoord is geannuleerd.</translation>
    </message>
    <message>
        <source>The site&apos;s answer was unclear: the next sync checks whether the reply arrived and sends it only if it did not.</source>
        <translation>Het antwoord van de site was onduidelijk: de volgende synchronisatie controleert of het antwoord is aangekomen en verstuurt het alleen als dat niet zo is.</translation>
    </message>
    <message>
        <source>The reply waits in the outbox and goes at the next sync.</source>
        <translation>Het antwoord wacht in het postvak uit en gaat mee met de volgende synchronisatie.</translation>
    </message>
    <message>
        <source>Dismissed. Ctrl+Z brings it back.</source>
        <translation>Afgehandeld. Met Ctrl+Z komt het terug.</translation>
    </message>
    <message>
        <source>Snoozed. Ctrl+Z brings it back.</source>
        <translation>Uitgesteld. Met Ctrl+Z komt het terug.</translation>
    </message>
    <message>
        <source>Unclaimed.</source>
        <translation>Vrijgegeven.</translation>
    </message>
    <message>
        <source>Claimed.</source>
        <translation>Opgepakt.</translation>
    </message>
    <message>
        <source>Undone.</source>
        <translation>Ongedaan gemaakt.</translation>
    </message>
    <message>
        <source>New posts waiting</source>
        <translation>Nieuwe berichten wachten</translation>
    </message>
    <message numerus="yes">
        <source>%n learner post(s) started waiting for an answer.</source>
        <translation>
            <numerusform>%n bericht van een cursist wacht nu op een antwoord.</numerusform>
            <numerusform>%n berichten van cursisten wachten nu op een antwoord.</numerusform>
        </translation>
    </message>
    <message>
        <source>Still busy</source>
        <translation>Nog bezig</translation>
    </message>
    <message>
        <source>A sync is still finishing; it will stop at the next page.</source>
        <translation>Een synchronisatie rondt nog af; die stopt bij de volgende pagina.</translation>
    </message>
    <message>
        <source>Your reply is kept as a draft.</source>
        <translation>Je antwoord is bewaard als concept.</translation>
    </message>
    <message>
        <source>Your draft could not be saved.</source>
        <translation>Je concept kon niet worden bewaard.</translation>
    </message>
    <message>
        <source>Draft discarded.</source>
        <translation>Concept weggegooid.</translation>
    </message>
    <message>
        <source>Another moderator</source>
        <translation>Een andere moderator</translation>
    </message>
    <message>
        <source>Claimed by a colleague</source>
        <translation>Opgepakt door een collega</translation>
    </message>
    <message>
        <source>%1 is answering this discussion. Send your reply anyway?</source>
        <translation>%1 beantwoordt deze discussie. Wil je je antwoord toch versturen?</translation>
    </message>
    <message>
        <source>The site no longer accepts your sign-in (%1): sign in again. Sync is paused; your replies wait in the outbox.</source>
        <translation>De site accepteert je aanmelding niet meer (%1): meld je opnieuw aan. Synchroniseren is gepauzeerd; je antwoorden wachten in het postvak uit.</translation>
    </message>
    <message>
        <source>Signed in again.</source>
        <translation>Weer aangemeld.</translation>
    </message>
</context>
<context>
    <name>MainWindowCentral</name>
    <message>
        <source>Sections</source>
        <translation>Onderdelen</translation>
    </message>
    <message>
        <source>Search subject, text or learner (Ctrl+F)</source>
        <translation>Zoek op onderwerp, tekst of cursist (Ctrl+F)</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Cursus</translation>
    </message>
    <message>
        <source>Forum</source>
        <translation>Forum</translation>
    </message>
    <message>
        <source>Waited at least</source>
        <translation>Minstens gewacht</translation>
    </message>
    <message>
        <source>Questions only</source>
        <translation>Alleen vragen</translation>
    </message>
    <message>
        <source>Waiting discussions</source>
        <translation>Wachtende discussies</translation>
    </message>
    <message>
        <source>Waiting discussions per course and forum. Double-click a forum to see its queue.</source>
        <translation>Wachtende discussies per cursus en forum. Dubbelklik op een forum om de wachtrij ervan te zien.</translation>
    </message>
    <message>
        <source>Forums</source>
        <translation>Forums</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Gemaakt</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Pogingen</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <source>Outbox</source>
        <translation>Postvak uit</translation>
    </message>
    <message>
        <source>Show items sent in the last 7 days</source>
        <translation>Toon wat de afgelopen 7 dagen is verstuurd</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>Opnieuw p&amp;roberen</translation>
    </message>
    <message>
        <source>&amp;Cancel item…</source>
        <translation>Item &amp;annuleren…</translation>
    </message>
    <message>
        <source>Co&amp;py text</source>
        <translation>Tekst &amp;kopiëren</translation>
    </message>
    <message>
        <source>&amp;Open discussion</source>
        <translation>Discussie &amp;openen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Send it again at the next sync</source>
        <translation>Verstuur het opnieuw bij de volgende synchronisatie</translation>
    </message>
    <message>
        <source>Put what you wrote on the clipboard</source>
        <translation>Zet wat je schreef op het klembord</translation>
    </message>
    <message>
        <source>Select its discussion in the queue</source>
        <translation>Selecteer de discussie in de wachtrij</translation>
    </message>
    <message>
        <source>Take it back before it is sent</source>
        <translation>Haal het terug voordat het wordt verstuurd</translation>
    </message>
    <message>
        <source>This discussion is not in the queue&apos;s list now (it waits for no answer, or a filter hides it).</source>
        <translation>Deze discussie staat nu niet in de lijst van de wachtrij (ze wacht niet op een antwoord, of een filter verbergt ze).</translation>
    </message>
    <message>
        <source>Cancel this item?</source>
        <translation>Dit item annuleren?</translation>
    </message>
    <message>
        <source>Cancel item</source>
        <translation>Item annuleren</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Bewaren</translation>
    </message>
</context>
<context>
    <name>OutboxWords</name>
    <message>
        <source>Shared example in ‘%1’</source>
        <translation>Gedeeld voorbeeld in ‘%1’</translation>
    </message>
    <message>
        <source>Reply to ‘%1’</source>
        <translation>Antwoord op ‘%1’</translation>
    </message>
    <message>
        <source>a forum</source>
        <translation>een forum</translation>
    </message>
    <message>
        <source>Shared example as a new discussion in %2: ‘%1’</source>
        <translation>Gedeeld voorbeeld als nieuwe discussie in %2: ‘%1’</translation>
    </message>
    <message>
        <source>New discussion in %2: ‘%1’</source>
        <translation>Nieuwe discussie in %2: ‘%1’</translation>
    </message>
    <message>
        <source>Lock ‘%1’</source>
        <translation>‘%1’ sluiten</translation>
    </message>
    <message>
        <source>Unlock ‘%1’</source>
        <translation>‘%1’ heropenen</translation>
    </message>
    <message>
        <source>Pin ‘%1’</source>
        <translation>‘%1’ vastzetten</translation>
    </message>
    <message>
        <source>Unpin ‘%1’</source>
        <translation>‘%1’ losmaken</translation>
    </message>
    <message>
        <source>Delete the discussion ‘%1’</source>
        <translation>De discussie ‘%1’ verwijderen</translation>
    </message>
    <message>
        <source>Delete a post in ‘%1’</source>
        <translation>Een bericht in ‘%1’ verwijderen</translation>
    </message>
    <message>
        <source>Poll ‘%1’</source>
        <translation>Peiling ‘%1’</translation>
    </message>
    <message>
        <source>Retraction of the shared copy ‘%1’</source>
        <translation>Intrekken van de gedeelde kopie ‘%1’</translation>
    </message>
    <message>
        <source>Consent request to %1</source>
        <translation>Verzoek om toestemming aan %1</translation>
    </message>
    <message>
        <source>a learner</source>
        <translation>een cursist</translation>
    </message>
    <message>
        <source>the discussion was locked</source>
        <translation>de discussie is gesloten</translation>
    </message>
    <message>
        <source>it was deleted on the site</source>
        <translation>het is op de site verwijderd</translation>
    </message>
    <message>
        <source>no permission on the site</source>
        <translation>geen rechten op de site</translation>
    </message>
    <message>
        <source>the site refused it</source>
        <translation>de site weigerde het</translation>
    </message>
    <message>
        <source>the site does not offer this</source>
        <translation>de site biedt dit niet aan</translation>
    </message>
    <message>
        <source>It goes at the first sync after its time, while Moderator Desk is running.</source>
        <translation>Het gaat mee met de eerste synchronisatie na dat tijdstip, zolang Moderator Desk draait.</translation>
    </message>
    <message>
        <source>Retry once the discussion is open again, or copy your text and cancel it.</source>
        <translation>Probeer het opnieuw zodra de discussie weer open is, of kopieer je tekst en annuleer het.</translation>
    </message>
    <message>
        <source>It cannot arrive any more: copy your text if you need it, then cancel it.</source>
        <translation>Het kan niet meer aankomen: kopieer je tekst als je die nodig hebt en annuleer het dan.</translation>
    </message>
    <message>
        <source>Retry once you may do this again on the site, or cancel it.</source>
        <translation>Probeer het opnieuw zodra je dit weer mag op de site, of annuleer het.</translation>
    </message>
    <message>
        <source>It is on its way to the site. If that was cut off, a sync after %1 looks for it on the site and sends it again only if it is not there.</source>
        <translation>Het is onderweg naar de site. Als dat werd afgebroken, kijkt een synchronisatie na %1 op de site en verstuurt het alleen opnieuw als het er niet staat.</translation>
    </message>
    <message>
        <source>Retry after fixing the cause, or cancel it.</source>
        <translation>Probeer het opnieuw als de oorzaak is verholpen, of annuleer het.</translation>
    </message>
    <message>
        <source>Scheduled for %1</source>
        <translation>Gepland voor %1</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Wacht op verzending</translation>
    </message>
    <message>
        <source>Being sent</source>
        <translation>Wordt verstuurd</translation>
    </message>
    <message>
        <source>May have arrived: the next sync checks</source>
        <translation>Misschien al aangekomen: de volgende synchronisatie controleert het</translation>
    </message>
    <message>
        <source>May have arrived: a sync after %1 checks</source>
        <translation>Misschien al aangekomen: een synchronisatie na %1 controleert het</translation>
    </message>
    <message>
        <source>Will retry at %1</source>
        <translation>Nieuwe poging om %1</translation>
    </message>
    <message>
        <source>Will retry at the next sync</source>
        <translation>Nieuwe poging bij de volgende synchronisatie</translation>
    </message>
    <message>
        <source>Needs your attention: %1</source>
        <translation>Vraagt je aandacht: %1</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Verstuurd</translation>
    </message>
    <message>
        <source>It has been sent already.</source>
        <translation>Het is al verstuurd.</translation>
    </message>
    <message>
        <source>It is being sent right now and can no longer be cancelled.</source>
        <translation>Het wordt nu verstuurd en kan niet meer worden geannuleerd.</translation>
    </message>
    <message>
        <source>It may already be on the site. The next sync checks, and sends it only if it did not arrive.</source>
        <translation>Het staat misschien al op de site. De volgende synchronisatie controleert dat en verstuurt het alleen als het niet is aangekomen.</translation>
    </message>
    <message>
        <source>A retraction cannot be cancelled: the learner withdrew consent, so the shared copy has to come off the site.</source>
        <translation>Een intrekking kan niet worden geannuleerd: de cursist heeft de toestemming ingetrokken, dus de gedeelde kopie moet van de site af.</translation>
    </message>
    <message>
        <source>It is no longer waiting for a retry.</source>
        <translation>Het wacht niet meer op een nieuwe poging.</translation>
    </message>
    <message>
        <source>Copy the text first if you want to keep it.</source>
        <translation>Kopieer de tekst eerst als je die wilt bewaren.</translation>
    </message>
    <message>
        <source>The example will not be shared and no longer counts as shared.</source>
        <translation>Het voorbeeld wordt niet gedeeld en telt niet meer als gedeeld.</translation>
    </message>
    <message>
        <source>The reply will not be sent and its text is removed from this computer.</source>
        <translation>Het antwoord wordt niet verstuurd en de tekst wordt van deze computer verwijderd.</translation>
    </message>
    <message>
        <source>The discussion will not be started and its text is removed from this computer.</source>
        <translation>De discussie wordt niet gestart en de tekst wordt van deze computer verwijderd.</translation>
    </message>
    <message>
        <source>The discussion will not be locked on the site and shows as open here again.</source>
        <translation>De discussie wordt niet gesloten op de site en staat hier weer open.</translation>
    </message>
    <message>
        <source>The discussion will not be unlocked on the site and shows as locked here.</source>
        <translation>De discussie wordt niet heropend op de site en staat hier weer gesloten.</translation>
    </message>
    <message>
        <source>The discussion will not be pinned on the site and shows unpinned here again.</source>
        <translation>De discussie wordt niet vastgezet op de site en staat hier weer los.</translation>
    </message>
    <message>
        <source>The discussion will not be unpinned on the site and shows pinned here.</source>
        <translation>De discussie wordt niet losgemaakt op de site en staat hier weer vast.</translation>
    </message>
    <message>
        <source>Nothing will be deleted on the site, and the post shows here again.</source>
        <translation>Er wordt niets verwijderd op de site, en het bericht is hier weer te zien.</translation>
    </message>
    <message>
        <source>The poll will not be published; it stays a draft.</source>
        <translation>De peiling wordt niet gepubliceerd en blijft een concept.</translation>
    </message>
    <message>
        <source>The message asking for consent will not be sent.</source>
        <translation>Het bericht met het verzoek om toestemming wordt niet verstuurd.</translation>
    </message>
    <message>
        <source>It will not be sent.</source>
        <translation>Het wordt niet verstuurd.</translation>
    </message>
    <message>
        <source>The site said: %1</source>
        <translation>De site meldde: %1</translation>
    </message>
    <message>
        <source>Nothing waits: everything has been sent.</source>
        <translation>Niets wacht meer: alles is verstuurd.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) wait to be sent to the site.</source>
        <translation>
            <numerusform>%n item wacht op verzending naar de site.</numerusform>
            <numerusform>%n items wachten op verzending naar de site.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scheduled for later.</source>
        <translation>
            <numerusform>%n gepland voor later.</numerusform>
            <numerusform>%n gepland voor later.</numerusform>
        </translation>
    </message>
    <message>
        <source>The poll was deleted on the site and is not made again: cancel this, or copy the draft and publish the copy.</source>
        <translation>De peiling is op de site verwijderd en wordt niet opnieuw gemaakt: annuleer dit, of kopieer het concept en publiceer de kopie.</translation>
    </message>
    <message>
        <source>Tell the team who answers ‘%1’</source>
        <translation>Aan het team doorgeven wie ‘%1’ beantwoordt</translation>
    </message>
    <message>
        <source>A colleague claimed this discussion on the site first; their claim stands. Cancel this, or talk to them.</source>
        <translation>Een collega heeft deze discussie eerder op de site opgepakt; dat blijft zo. Annuleer dit, of overleg met die collega.</translation>
    </message>
</context>
<context>
    <name>PollEditor</name>
    <message>
        <source>Move option up</source>
        <translation>Keuze omhoog</translation>
    </message>
    <message>
        <source>Move option down</source>
        <translation>Keuze omlaag</translation>
    </message>
    <message>
        <source>Remove option</source>
        <translation>Keuze verwijderen</translation>
    </message>
    <message>
        <source>Add option</source>
        <translation>Keuze toevoegen</translation>
    </message>
    <message>
        <source>Choose a course…</source>
        <translation>Kies een cursus…</translation>
    </message>
    <message>
        <source>Course %1 (not synced)</source>
        <translation>Cursus %1 (niet gesynchroniseerd)</translation>
    </message>
    <message>
        <source>Use template</source>
        <translation>Sjabloon gebruiken</translation>
    </message>
    <message>
        <source>Replace the question and options with the template&apos;s?</source>
        <translation>De vraag en de keuzes vervangen door die van het sjabloon?</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Beginnen met</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Sjabloon</translation>
    </message>
    <message>
        <source>Language of the template</source>
        <translation>Taal van het sjabloon</translation>
    </message>
    <message>
        <source>Replace the question and options with the template&apos;s</source>
        <translation>Vervang de vraag en de keuzes door die van het sjabloon</translation>
    </message>
    <message>
        <source>&amp;Question</source>
        <translation>&amp;Vraag</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Vraag</translation>
    </message>
    <message>
        <source>What do you want to ask? (the poll&apos;s title)</source>
        <translation>Wat wil je vragen? (de titel van de peiling)</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Beschrijving</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschrijving</translation>
    </message>
    <message>
        <source>Shown above the options (optional)</source>
        <translation>Staat boven de keuzes (niet verplicht)</translation>
    </message>
    <message>
        <source>&amp;Options</source>
        <translation>&amp;Keuzes</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Keuzes</translation>
    </message>
    <message>
        <source>Drag to reorder, or Alt+Up and Alt+Down</source>
        <translation>Sleep om de volgorde te veranderen, of gebruik Alt+Omhoog en Alt+Omlaag</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>Keuze</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Toevoegen</translation>
    </message>
    <message>
        <source>Add an option (Insert in the list)</source>
        <translation>Keuze toevoegen (Insert in de lijst)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <source>Remove the selected option (Delete)</source>
        <translation>Gekozen keuze verwijderen (Delete)</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Om&amp;hoog</translation>
    </message>
    <message>
        <source>Move the selected option up (Alt+Up)</source>
        <translation>Gekozen keuze omhoog (Alt+Omhoog)</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Om&amp;laag</translation>
    </message>
    <message>
        <source>Move the selected option down (Alt+Down)</source>
        <translation>Gekozen keuze omlaag (Alt+Omlaag)</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Antwoorden</translation>
    </message>
    <message>
        <source>Learners may choose more than one option</source>
        <translation>Cursisten mogen meer dan één keuze maken</translation>
    </message>
    <message>
        <source>Learners may change their answer</source>
        <translation>Cursisten mogen hun antwoord wijzigen</translation>
    </message>
    <message>
        <source>Limit how many learners may choose each option</source>
        <translation>Beperk hoeveel cursisten elke keuze mogen kiezen</translation>
    </message>
    <message>
        <source>Results &amp;show</source>
        <translation>&amp;Uitslag tonen</translation>
    </message>
    <message>
        <source>When results show</source>
        <translation>Wanneer de uitslag te zien is</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nooit</translation>
    </message>
    <message>
        <source>After the learner answered</source>
        <translation>Nadat de cursist heeft geantwoord</translation>
    </message>
    <message>
        <source>After the poll closed</source>
        <translation>Nadat de peiling is gesloten</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Altijd</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>Namen</translation>
    </message>
    <message>
        <source>Anonymous or with names</source>
        <translation>Anoniem of met namen</translation>
    </message>
    <message>
        <source>Anonymous: results without names</source>
        <translation>Anoniem: uitslag zonder namen</translation>
    </message>
    <message>
        <source>With names: learners see who chose what</source>
        <translation>Met namen: cursisten zien wie wat koos</translation>
    </message>
    <message>
        <source>Show who has not answered yet</source>
        <translation>Laat zien wie nog niet heeft geantwoord</translation>
    </message>
    <message>
        <source>Open and close</source>
        <translation>Openen en sluiten</translation>
    </message>
    <message>
        <source>Opens at</source>
        <translation>Opent op</translation>
    </message>
    <message>
        <source>Open time</source>
        <translation>Openingstijd</translation>
    </message>
    <message>
        <source>Closes at</source>
        <translation>Sluit op</translation>
    </message>
    <message>
        <source>Close time</source>
        <translation>Sluitingstijd</translation>
    </message>
    <message>
        <source>&amp;Course</source>
        <translation>&amp;Cursus</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Cursus</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Sectie</translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation>&amp;Voorbeeld</translation>
    </message>
    <message>
        <source>See the poll as learners will</source>
        <translation>Bekijk de peiling zoals cursisten hem zien</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Publiceren</translation>
    </message>
    <message>
        <source>Send the poll to the course when the app next syncs</source>
        <translation>Stuur de peiling naar de cursus bij de volgende synchronisatie</translation>
    </message>
</context>
<context>
    <name>PollPreview</name>
    <message>
        <source>Preview: as learners see it</source>
        <translation>Voorbeeld: zo zien cursisten het</translation>
    </message>
    <message>
        <source>(no question yet)</source>
        <translation>(nog geen vraag)</translation>
    </message>
    <message>
        <source>(empty option)</source>
        <translation>(lege keuze)</translation>
    </message>
    <message>
        <source>(%1 places)</source>
        <translation>(%1 plaatsen)</translation>
    </message>
    <message>
        <source>Save my choice</source>
        <translation>Mijn keuze opslaan</translation>
    </message>
    <message>
        <source>Learners press this in Moodle; the preview sends nothing.</source>
        <translation>Cursisten klikken hierop in Moodle; het voorbeeld verstuurt niets.</translation>
    </message>
    <message>
        <source>Opens: %1</source>
        <translation>Opent: %1</translation>
    </message>
    <message>
        <source>Closes: %1</source>
        <translation>Sluit: %1</translation>
    </message>
    <message>
        <source>You may choose more than one option.</source>
        <translation>Je mag meer dan één keuze maken.</translation>
    </message>
    <message>
        <source>Results are not shown to learners.</source>
        <translation>De uitslag is niet te zien voor cursisten.</translation>
    </message>
    <message>
        <source>Results are shown after you answer.</source>
        <translation>De uitslag is te zien nadat je hebt geantwoord.</translation>
    </message>
    <message>
        <source>Results are shown after the poll closes.</source>
        <translation>De uitslag is te zien nadat de peiling is gesloten.</translation>
    </message>
    <message>
        <source>Results are always shown.</source>
        <translation>De uitslag is altijd te zien.</translation>
    </message>
    <message>
        <source>Results show who chose what.</source>
        <translation>De uitslag laat zien wie wat koos.</translation>
    </message>
    <message>
        <source>Results are anonymous.</source>
        <translation>De uitslag is anoniem.</translation>
    </message>
    <message>
        <source>You can change your answer later.</source>
        <translation>Je kunt je antwoord later nog wijzigen.</translation>
    </message>
</context>
<context>
    <name>Polls</name>
    <message>
        <source>Question: write the question learners will answer.</source>
        <translation>Vraag: schrijf de vraag die cursisten beantwoorden.</translation>
    </message>
    <message>
        <source>Question: %1 characters; Moodle allows at most %2. Put detail in the description.</source>
        <translation>Vraag: %1 tekens; Moodle staat er hoogstens %2 toe. Zet details in de beschrijving.</translation>
    </message>
    <message>
        <source>Options: a poll needs at least %1 options.</source>
        <translation>Keuzes: een peiling heeft minstens %1 keuzes nodig.</translation>
    </message>
    <message>
        <source>Options: %1 options; a poll can have at most %2.</source>
        <translation>Keuzes: %1 keuzes; een peiling kan er hoogstens %2 hebben.</translation>
    </message>
    <message>
        <source>Option %1 is empty: write it or remove it.</source>
        <translation>Keuze %1 is leeg: vul hem in of verwijder hem.</translation>
    </message>
    <message>
        <source>Option %1 is the same as option %2 (case and spaces do not count).</source>
        <translation>Keuze %1 is gelijk aan keuze %2 (hoofdletters en spaties tellen niet mee).</translation>
    </message>
    <message>
        <source>Option %1 is longer than 255 characters.</source>
        <translation>Keuze %1 is langer dan 255 tekens.</translation>
    </message>
    <message>
        <source>Limit of option %1: must be at least 1 while limits are on.</source>
        <translation>Maximum van keuze %1: moet minstens 1 zijn zolang maxima aanstaan.</translation>
    </message>
    <message>
        <source>Close time: must be after the open time.</source>
        <translation>Sluitingstijd: moet na de openingstijd liggen.</translation>
    </message>
    <message>
        <source>Close time: it is in the past; choose a later time or no close time.</source>
        <translation>Sluitingstijd: die ligt in het verleden; kies een later tijdstip of geen sluitingstijd.</translation>
    </message>
    <message>
        <source>Open time: not a valid time.</source>
        <translation>Openingstijd: geen geldig tijdstip.</translation>
    </message>
    <message>
        <source>When results show: choose one of the four choices.</source>
        <translation>Wanneer de uitslag te zien is: kies een van de vier mogelijkheden.</translation>
    </message>
    <message>
        <source>Course: choose the course the poll goes to.</source>
        <translation>Cursus: kies de cursus waar de peiling naartoe gaat.</translation>
    </message>
    <message>
        <source>Section: must be 0 or more.</source>
        <translation>Sectie: moet 0 of meer zijn.</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Concept</translation>
    </message>
    <message>
        <source>Waiting to publish</source>
        <translation>Wacht op publicatie</translation>
    </message>
    <message>
        <source>Published, open</source>
        <translation>Gepubliceerd, open</translation>
    </message>
    <message>
        <source>Published, not yet open</source>
        <translation>Gepubliceerd, nog niet open</translation>
    </message>
    <message>
        <source>Published, closed</source>
        <translation>Gepubliceerd, gesloten</translation>
    </message>
    <message>
        <source>Publishing failed</source>
        <translation>Publiceren mislukt</translation>
    </message>
    <message>
        <source>This site cannot receive polls from Moderator Desk yet. A site administrator must install the Moodle plugin local_moderatordesk (it adds local_moderatordesk_create_choice to the Moodle app&apos;s web service). Your draft is kept; publish it once the plugin is there.</source>
        <translation>Deze site kan nog geen peilingen van Moderator Desk ontvangen. Een sitebeheerder moet eerst de Moodle-plug-in local_moderatordesk installeren (die voegt local_moderatordesk_create_choice toe aan de webservice van de Moodle-app). Je concept blijft bewaard; publiceer het zodra de plug-in er is.</translation>
    </message>
    <message>
        <source>The file is not a JSON file (or it is damaged).</source>
        <translation>Het bestand is geen JSON-bestand (of het is beschadigd).</translation>
    </message>
    <message>
        <source>The file is not a poll export from Moderator Desk.</source>
        <translation>Het bestand is geen export van een peiling uit Moderator Desk.</translation>
    </message>
    <message>
        <source>The file comes from a newer Moderator Desk; update the app to read it.</source>
        <translation>Het bestand komt uit een nieuwere Moderator Desk; werk de app bij om het te kunnen lezen.</translation>
    </message>
    <message>
        <source>The file is too large to be a poll export.</source>
        <translation>Het bestand is te groot voor een export van een peiling.</translation>
    </message>
    <message>
        <source>The file has a wrong or missing value.</source>
        <translation>In het bestand ontbreekt een waarde of staat een verkeerde waarde.</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>Het bestand kon niet worden gelezen.</translation>
    </message>
    <message>
        <source>Where: %1.</source>
        <translation>Waar: %1.</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Er is niets geïmporteerd.</translation>
    </message>
</context>
<context>
    <name>PollsPage</name>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nieuw</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>&amp;Dupliceren</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>Ver&amp;wijderen</translation>
    </message>
    <message>
        <source>Poll</source>
        <translation>Peiling</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Polls</source>
        <translation>Peilingen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importeren…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporteren…</translation>
    </message>
    <message>
        <source>Choose a poll, or press New to prepare one.</source>
        <translation>Kies een peiling, of klik op Nieuw om er een voor te bereiden.</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Concepten</translation>
    </message>
    <message>
        <source>Polls in your courses</source>
        <translation>Peilingen in je cursussen</translation>
    </message>
    <message>
        <source>(no question)</source>
        <translation>(geen vraag)</translation>
    </message>
    <message>
        <source>A poll waiting to be published cannot be deleted.</source>
        <translation>Een peiling die op publicatie wacht, kan niet worden verwijderd.</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Concept verwijderen</translation>
    </message>
    <message>
        <source>Delete this draft? This cannot be undone.</source>
        <translation>Dit concept verwijderen? Dat kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <source>The poll will be published at the next sync.</source>
        <translation>De peiling wordt bij de volgende synchronisatie gepubliceerd.</translation>
    </message>
    <message>
        <source>Import poll drafts</source>
        <translation>Conceptpeilingen importeren</translation>
    </message>
    <message>
        <source>Poll drafts (*.json)</source>
        <translation>Conceptpeilingen (*.json)</translation>
    </message>
    <message>
        <source>Export poll draft</source>
        <translation>Conceptpeiling exporteren</translation>
    </message>
    <message>
        <source>The file could not be read: %1</source>
        <translation>Het bestand kon niet worden gelezen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n draft(s) imported.</source>
        <translation>
            <numerusform>%n concept geïmporteerd.</numerusform>
            <numerusform>%n concepten geïmporteerd.</numerusform>
        </translation>
    </message>
    <message>
        <source>Draft exported.</source>
        <translation>Concept geëxporteerd.</translation>
    </message>
    <message>
        <source>Results could not be fetched; try again after the next sync.</source>
        <translation>De uitslag kon niet worden opgehaald; probeer het na de volgende synchronisatie opnieuw.</translation>
    </message>
    <message>
        <source>Publish poll</source>
        <translation>Peiling publiceren</translation>
    </message>
    <message>
        <source>Publish “%1” to the course? Learners see it after the next sync; it cannot be unpublished from here.</source>
        <translation>“%1” in de cursus publiceren? Cursisten zien de peiling na de volgende synchronisatie; publiceren kan hier niet ongedaan worden gemaakt.</translation>
    </message>
</context>
<context>
    <name>PostPromptDialog</name>
    <message>
        <source>Post a prompt</source>
        <translation>Gespreksstarter plaatsen</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Voorbeeld</translation>
    </message>
    <message>
        <source>All participants</source>
        <translation>Alle deelnemers</translation>
    </message>
    <message>
        <source>This site does not let the app pin discussions.</source>
        <translation>Deze site laat de app geen discussies vastzetten.</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>Groep %1</translation>
    </message>
    <message>
        <source>Choose a forum and a prompt.</source>
        <translation>Kies een forum en een gespreksstarter.</translation>
    </message>
    <message>
        <source>The chosen time has passed; choose a later one.</source>
        <translation>Het gekozen tijdstip is voorbij; kies een later moment.</translation>
    </message>
</context>
<context>
    <name>PromptEditorDialog</name>
    <message>
        <source>Prompt</source>
        <translation>Gespreksstarter</translation>
    </message>
    <message>
        <source>Edit prompt</source>
        <translation>Gespreksstarter bewerken</translation>
    </message>
</context>
<context>
    <name>PromptEditorForm</name>
    <message>
        <source>&amp;Kind</source>
        <translation>S&amp;oort</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>&amp;Labels</translation>
    </message>
    <message>
        <source>separated by commas, e.g. week 1, feedback</source>
        <translation>gescheiden door komma&apos;s, bijv. week 1, feedback</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Engels</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <source>Nederlands</source>
        <translation>Nederlands</translation>
    </message>
    <message>
        <source>Plain text; a blank line starts a new paragraph. Placeholders such as {course}, {forum}, {week} and {topic} are filled in when you post. Leave a language empty if the prompt does not exist in it.</source>
        <translation>Platte tekst; een lege regel begint een nieuwe alinea. Invulvelden zoals {course}, {forum}, {week} en {topic} vul je in bij het plaatsen. Laat een taal leeg als de gespreksstarter niet in die taal bestaat.</translation>
    </message>
</context>
<context>
    <name>PromptPostForm</name>
    <message>
        <source>&amp;Forum</source>
        <translation>&amp;Forum</translation>
    </message>
    <message>
        <source>&amp;Prompt</source>
        <translation>&amp;Gespreksstarter</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <source>Fill in</source>
        <translation>Invullen</translation>
    </message>
    <message>
        <source>Preview: as the forum will show it</source>
        <translation>Voorbeeld: zoals het forum het laat zien</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Keuzes</translation>
    </message>
    <message>
        <source>&amp;Subscribe me to the discussion</source>
        <translation>&amp;Abonneer me op de discussie</translation>
    </message>
    <message>
        <source>Pi&amp;n the discussion</source>
        <translation>Discussie &amp;vastzetten</translation>
    </message>
    <message>
        <source>&amp;Group</source>
        <translation>G&amp;roep</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <source>Post &amp;now (it goes out with the next sync)</source>
        <translation>&amp;Nu plaatsen (gaat mee met de volgende synchronisatie)</translation>
    </message>
    <message>
        <source>Schedule &amp;at</source>
        <translation>&amp;Inplannen op</translation>
    </message>
    <message>
        <source>Date and time to post</source>
        <translation>Datum en tijd van plaatsen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>&amp;Post</source>
        <translation>&amp;Plaatsen</translation>
    </message>
</context>
<context>
    <name>PromptTableModel</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Talen</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>Gebruikt</translation>
    </message>
    <message>
        <source>Learners in 72 h</source>
        <translation>Deelnemers in 72 u</translation>
    </message>
    <message>
        <source>Replies in 72 h</source>
        <translation>Reacties in 72 u</translation>
    </message>
    <message>
        <source>Average per posted use, counted from synced posts by learners.</source>
        <translation>Gemiddeld per keer geplaatst, geteld uit gesynchroniseerde berichten van deelnemers.</translation>
    </message>
    <message>
        <source> (archived)</source>
        <translation> (gearchiveerd)</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <source>Introduction</source>
        <translation>Kennismaking</translation>
    </message>
    <message>
        <source>Reflection</source>
        <translation>Reflectie</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Stelling</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Casus</translation>
    </message>
    <message>
        <source>Apply to your work</source>
        <translation>Toepassen in je werk</translation>
    </message>
    <message>
        <source>Peer feedback</source>
        <translation>Feedback van medecursisten</translation>
    </message>
    <message>
        <source>Closing the week</source>
        <translation>Afsluiting van de week</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Engels</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Nederlands</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Onderwerp</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Cursus</translation>
    </message>
    <message>
        <source>Forum</source>
        <translation>Forum</translation>
    </message>
    <message>
        <source>Fill in first: %1.</source>
        <translation>Vul eerst in: %1.</translation>
    </message>
    <message>
        <source>Choose a kind.</source>
        <translation>Kies een soort.</translation>
    </message>
    <message>
        <source>Write the prompt in at least one language.</source>
        <translation>Schrijf de gespreksstarter in minstens één taal.</translation>
    </message>
    <message>
        <source>%1: the title is empty.</source>
        <translation>%1: de titel is leeg.</translation>
    </message>
    <message>
        <source>%1: the text is empty.</source>
        <translation>%1: de tekst is leeg.</translation>
    </message>
    <message>
        <source>%1: too long.</source>
        <translation>%1: te lang.</translation>
    </message>
    <message>
        <source>Tags: at most 20, each at most 40 characters.</source>
        <translation>Labels: hoogstens 20, elk hoogstens 40 tekens.</translation>
    </message>
    <message>
        <source>%1 is not valid.</source>
        <translation>%1 is niet geldig.</translation>
    </message>
    <message>
        <source>The file is not a JSON file.</source>
        <translation>Het bestand is geen JSON-bestand.</translation>
    </message>
    <message>
        <source>The file is not a set of prompts from Moderator Desk.</source>
        <translation>Het bestand is geen set gespreksstarters van Moderator Desk.</translation>
    </message>
    <message>
        <source>The file comes from a newer version of Moderator Desk. Update the app.</source>
        <translation>Het bestand komt uit een nieuwere versie van Moderator Desk. Werk de app bij.</translation>
    </message>
    <message>
        <source>The file is too big.</source>
        <translation>Het bestand is te groot.</translation>
    </message>
    <message>
        <source>The file holds no prompts.</source>
        <translation>Het bestand bevat geen gespreksstarters.</translation>
    </message>
    <message>
        <source>A prompt in the file is not valid (%1).</source>
        <translation>Een gespreksstarter in het bestand is niet geldig (%1).</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Er is niets geïmporteerd.</translation>
    </message>
    <message>
        <source>This site does not let the app start discussions (mod_forum_add_discussion is not in its web service).</source>
        <translation>Deze site laat de app geen discussies starten (mod_forum_add_discussion zit niet in de webservice).</translation>
    </message>
    <message>
        <source>You cannot start a discussion in this forum (the forum does not allow it).</source>
        <translation>Je kunt in dit forum geen discussie starten (het forum staat het niet toe).</translation>
    </message>
    <message>
        <source>No learner has posted yet</source>
        <translation>Nog geen enkele deelnemer heeft iets geplaatst</translation>
    </message>
    <message>
        <source>No learner post for more than %1 days</source>
        <translation>Al meer dan %1 dagen geen bericht van een deelnemer</translation>
    </message>
    <message>
        <source>Only %1 learner(s) posted in the last 7 days</source>
        <translation>Maar %1 deelnemer(s) schreven iets in de afgelopen 7 dagen</translation>
    </message>
    <message>
        <source>Scheduled posts wait in the outbox on this computer. They are sent by the first sync after their time, so Moderator Desk must be running then, with automatic sync on (Settings). If the app is closed, the post goes out at the next sync after you start it again.</source>
        <translation>Ingeplande berichten wachten in de outbox op deze computer. De eerste synchronisatie na het gekozen tijdstip verstuurt ze, dus Moderator Desk moet dan draaien, met automatisch synchroniseren aan (Instellingen). Is de app gesloten, dan gaat het bericht mee met de eerste synchronisatie nadat je hem weer start.</translation>
    </message>
</context>
<context>
    <name>PromptsPage</name>
    <message>
        <source>All kinds</source>
        <translation>Alle soorten</translation>
    </message>
    <message>
        <source>All languages</source>
        <translation>Alle talen</translation>
    </message>
    <message>
        <source>Sort by title</source>
        <translation>Sorteren op titel</translation>
    </message>
    <message>
        <source>Sort by what works</source>
        <translation>Sorteren op wat werkt</translation>
    </message>
    <message>
        <source>Sort by kind</source>
        <translation>Sorteren op soort</translation>
    </message>
    <message>
        <source>Forum</source>
        <translation>Forum</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Cursus</translation>
    </message>
    <message>
        <source>Why it is quiet</source>
        <translation>Waarom het stil is</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Onderwerp</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Alle labels</translation>
    </message>
    <message>
        <source>No prompt matches the filters.</source>
        <translation>Geen gespreksstarter past bij de filters.</translation>
    </message>
    <message>
        <source>Posted %1 time(s). Per use, in the first 72 hours: %2 learner(s), %3 reply(ies) on average.</source>
        <translation>%1 keer geplaatst. Per keer, in de eerste 72 uur: gemiddeld %2 deelnemer(s) en %3 reactie(s).</translation>
    </message>
    <message>
        <source>Not posted yet (or its replies are not synced).</source>
        <translation>Nog niet geplaatst (of de reacties zijn nog niet gesynchroniseerd).</translation>
    </message>
    <message>
        <source>All prompts of the kind %1: %2 learner(s) per use in 72 hours.</source>
        <translation>Alle gespreksstarters van de soort %1: %2 deelnemer(s) per keer in 72 uur.</translation>
    </message>
    <message>
        <source>Un&amp;archive</source>
        <translation>Uit &amp;archief halen</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archiveren</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Geplaatst</translation>
    </message>
    <message>
        <source>Learners (72 h / total)</source>
        <translation>Deelnemers (72 u / totaal)</translation>
    </message>
    <message>
        <source>Replies (72 h / total)</source>
        <translation>Reacties (72 u / totaal)</translation>
    </message>
    <message>
        <source>* fewer than 72 hours ago: still counting.</source>
        <translation>* minder dan 72 uur geleden: de telling loopt nog.</translation>
    </message>
    <message>
        <source>Forums where no learner posted for %1 days, or fewer than %2 learners posted in the last 7 days (change this in Settings).</source>
        <translation>Forums waar %1 dagen geen deelnemer iets schreef, of minder dan %2 deelnemers in de afgelopen 7 dagen (aan te passen in Instellingen).</translation>
    </message>
    <message>
        <source>— used in this course before</source>
        <translation>— al eerder gebruikt in deze cursus</translation>
    </message>
    <message>
        <source>At the next sync</source>
        <translation>Bij de volgende synchronisatie</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wachtend</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Vraagt aandacht</translation>
    </message>
    <message>
        <source>A prompt from the library cannot be changed: duplicate it and edit the copy.</source>
        <translation>Een gespreksstarter uit de bibliotheek kun je niet wijzigen: dupliceer hem en bewerk de kopie.</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Het bestand kan niet worden gelezen: %1</translation>
    </message>
    <message>
        <source>%1 prompt(s) imported.</source>
        <translation>%1 gespreksstarter(s) geïmporteerd.</translation>
    </message>
    <message>
        <source>The file cannot be written: %1</source>
        <translation>Het bestand kan niet worden geschreven: %1</translation>
    </message>
    <message>
        <source>%1 prompt(s) exported.</source>
        <translation>%1 gespreksstarter(s) geëxporteerd.</translation>
    </message>
    <message>
        <source>Import prompts</source>
        <translation>Gespreksstarters importeren</translation>
    </message>
    <message>
        <source>Prompt sets (*.json)</source>
        <translation>Sets gespreksstarters (*.json)</translation>
    </message>
    <message>
        <source>Export the prompts in the list</source>
        <translation>De gespreksstarters in de lijst exporteren</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Gespreksstarters</translation>
    </message>
    <message>
        <source>The prompt is in the outbox and goes out with the sync.</source>
        <translation>De gespreksstarter staat in de outbox en gaat mee met de synchronisatie.</translation>
    </message>
    <message>
        <source>The prompt is scheduled. Keep Moderator Desk running.</source>
        <translation>De gespreksstarter is ingepland. Laat Moderator Desk draaien.</translation>
    </message>
    <message>
        <source>This post is being sent right now and cannot be cancelled.</source>
        <translation>Dit bericht wordt nu verstuurd en kan niet meer worden geannuleerd.</translation>
    </message>
</context>
<context>
    <name>PromptsPageForm</name>
    <message>
        <source>&amp;Library</source>
        <translation>&amp;Bibliotheek</translation>
    </message>
    <message>
        <source>Search prompts…</source>
        <translation>Gespreksstarters zoeken…</translation>
    </message>
    <message>
        <source>Search prompts</source>
        <translation>Gespreksstarters zoeken</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>Sorteren op</translation>
    </message>
    <message>
        <source>Show arc&amp;hived</source>
        <translation>Gearchiveerde &amp;tonen</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Gespreksstarters</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nieuw…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>Be&amp;werken…</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>&amp;Dupliceren</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archiveren</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importeren…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporteren…</translation>
    </message>
    <message>
        <source>&amp;Post in a forum…</source>
        <translation>In een forum &amp;plaatsen…</translation>
    </message>
    <message>
        <source>&amp;Quiet forums</source>
        <translation>&amp;Stille forums</translation>
    </message>
    <message>
        <source>Quiet forums</source>
        <translation>Stille forums</translation>
    </message>
    <message>
        <source>Forum</source>
        <translation>Forum</translation>
    </message>
    <message>
        <source>Suggested prompts</source>
        <translation>Voorgestelde gespreksstarters</translation>
    </message>
    <message>
        <source>Post &amp;this prompt…</source>
        <translation>&amp;Deze gespreksstarter plaatsen…</translation>
    </message>
    <message>
        <source>&amp;Scheduled</source>
        <translation>In&amp;gepland</translation>
    </message>
    <message>
        <source>Scheduled posts</source>
        <translation>Ingeplande berichten</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <source>&amp;Cancel this post</source>
        <translation>Dit bericht &amp;annuleren</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Waited</source>
        <translation>Wachttijd</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Cursus</translation>
    </message>
    <message>
        <source>Forum</source>
        <translation>Forum</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Onderwerp</translation>
    </message>
    <message>
        <source>Learner</source>
        <translation>Cursist</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Reacties</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 u</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 u</translation>
    </message>
    <message>
        <source>reply pending</source>
        <translation>antwoord onderweg</translation>
    </message>
    <message>
        <source>claimed by %1</source>
        <translation>opgepakt door %1</translation>
    </message>
    <message>
        <source>Within the response time</source>
        <translation>Binnen de reactietijd</translation>
    </message>
    <message>
        <source>Waiting longer than %1 hours</source>
        <translation>Wacht langer dan %1 uur</translation>
    </message>
    <message>
        <source>Overdue: waiting longer than %1 hours</source>
        <translation>Te laat: wacht langer dan %1 uur</translation>
    </message>
    <message>
        <source>You have an unsent reply here (kept as a draft).</source>
        <translation>Je hebt hier een niet-verzonden antwoord (bewaard als concept).</translation>
    </message>
    <message>
        <source>another moderator</source>
        <translation>een andere moderator</translation>
    </message>
    <message>
        <source>Claimed by %1 on %2</source>
        <translation>Opgepakt door %1 op %2</translation>
    </message>
</context>
<context>
    <name>ReplyBox</name>
    <message>
        <source>Your reply</source>
        <translation>Je antwoord</translation>
    </message>
    <message>
        <source>Write a reply… (R). Plain text: line breaks and links are kept.</source>
        <translation>Schrijf een antwoord… (R). Platte tekst: regeleinden en links blijven behouden.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Versturen</translation>
    </message>
    <message>
        <source>Send the reply (Ctrl+Enter)</source>
        <translation>Verstuur het antwoord (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>Concept weggooien</translation>
    </message>
    <message>
        <source>Throw away the reply you started</source>
        <translation>Het begonnen antwoord weggooien</translation>
    </message>
    <message>
        <source>Throw away the reply you started? This cannot be undone.</source>
        <translation>Het begonnen antwoord weggooien? Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <source>Ask for consent</source>
        <translation>Om toestemming vragen</translation>
    </message>
    <message>
        <source>Message to %1, sent through the site at the next sync:</source>
        <translation>Bericht aan %1, via de site verstuurd bij de volgende synchronisatie:</translation>
    </message>
    <message>
        <source>Put in outbox</source>
        <translation>In postvak uit zetten</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Option / learner</source>
        <translation>Keuze / cursist</translation>
    </message>
    <message>
        <source>Answered at</source>
        <translation>Geantwoord op</translation>
    </message>
    <message>
        <source>Who chose what</source>
        <translation>Wie koos wat</translation>
    </message>
    <message>
        <source>&amp;Refresh results</source>
        <translation>Uitslag &amp;vernieuwen</translation>
    </message>
    <message>
        <source>Export as &amp;CSV…</source>
        <translation>Exporteren als &amp;CSV…</translation>
    </message>
    <message>
        <source>Names are not shown: the poll is anonymous or the site does not show them to you.</source>
        <translation>Namen worden niet getoond: de peiling is anoniem of de site laat ze jou niet zien.</translation>
    </message>
    <message>
        <source>%1 answers (learners may pick several; anonymous, so how many learners answered is not known); %2 learners enrolled</source>
        <translation>%1 antwoorden (cursisten mogen er meer kiezen; anoniem, dus hoeveel cursisten antwoordden is niet bekend); %2 cursisten ingeschreven</translation>
    </message>
    <message>
        <source>%1 of %2 learners answered</source>
        <translation>%1 van de %2 cursisten hebben geantwoord</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>stand van %1</translation>
    </message>
    <message>
        <source>results not fetched yet: refresh or sync</source>
        <translation>uitslag nog niet opgehaald: vernieuw of synchroniseer</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Uitslag exporteren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-bestanden (*.csv)</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <source>Reveal a pseudonym</source>
        <translation>Een schuilnaam onthullen</translation>
    </message>
    <message>
        <source>Revealing who is behind a pseudonym is recorded in the audit trail, with your name and the time.</source>
        <translation>Wie je achter een schuilnaam onthult, wordt vastgelegd in het logboek, met jouw naam en het tijdstip.</translation>
    </message>
    <message>
        <source>e.g. Blauwe Reiger</source>
        <translation>bijv. Blauwe Reiger</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>Onthullen</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Warn when a post has waited (hours)</source>
        <translation>Waarschuwen als een bericht zo lang wacht (uren)</translation>
    </message>
    <message>
        <source>Overdue when a post has waited (hours)</source>
        <translation>Te laat als een bericht zo lang wacht (uren)</translation>
    </message>
    <message>
        <source>Sync automatically every (minutes, 0 = never)</source>
        <translation>Automatisch synchroniseren, elke (minuten, 0 = nooit)</translation>
    </message>
    <message>
        <source>Refresh the results of open polls every (minutes, 0 = every sync)</source>
        <translation>Resultaten van open peilingen vernieuwen, elke (minuten, 0 = bij elke synchronisatie)</translation>
    </message>
    <message>
        <source>Notify me when new posts start waiting</source>
        <translation>Meld het als er nieuwe berichten gaan wachten</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>A forum is quiet after this many days without a learner post</source>
        <translation>Een forum is stil na zoveel dagen zonder bericht van een cursist</translation>
    </message>
    <message>
        <source>A forum is quiet with fewer distinct posters than</source>
        <translation>Een forum is stil met minder verschillende schrijvers dan</translation>
    </message>
    <message>
        <source>A learner is active after a post within (days)</source>
        <translation>Een deelnemer is actief na een bericht binnen (dagen)</translation>
    </message>
    <message>
        <source>A learner is absent after not visiting the course for (days)</source>
        <translation>Een deelnemer is afwezig zonder bezoek aan de cursus gedurende (dagen)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systeemtaal</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Instellingen…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Taal</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>These settings apply to every account on this computer.</source>
        <translation>Deze instellingen gelden voor alle accounts op deze computer.</translation>
    </message>
    <message>
        <source>A new language shows at once in the main window; open dialogs change when they are opened again.</source>
        <translation>Een andere taal zie je meteen in het hoofdvenster; open vensters veranderen pas als je ze opnieuw opent.</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Share as example</source>
        <translation>Delen als voorbeeld</translation>
    </message>
    <message>
        <source>Post: %1</source>
        <translation>Bericht: %1</translation>
    </message>
    <message>
        <source>Share with</source>
        <translation>Delen met</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Waar</translation>
    </message>
    <message>
        <source>Subject (empty: the anonymised original)</source>
        <translation>Onderwerp (leeg: het geanonimiseerde origineel)</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Onderwerp</translation>
    </message>
    <message>
        <source>&amp;Check and preview</source>
        <translation>&amp;Controleren en bekijken</translation>
    </message>
    <message>
        <source>&amp;Ask for consent…</source>
        <translation>Om &amp;toestemming vragen…</translation>
    </message>
    <message>
        <source>&amp;Share</source>
        <translation>&amp;Delen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Sharing is not allowed:</source>
        <translation>Delen is niet toegestaan:</translation>
    </message>
    <message>
        <source>%1 mentions replaced by pseudonyms.</source>
        <translation>%1 vermeldingen vervangen door schuilnamen.</translation>
    </message>
    <message>
        <source>%1 images or media left out (not covered by the consent).</source>
        <translation>%1 afbeeldingen of media weggelaten (niet gedekt door de toestemming).</translation>
    </message>
    <message>
        <source>Attachments are never copied.</source>
        <translation>Bijlagen worden nooit gekopieerd.</translation>
    </message>
    <message>
        <source>Changes made for sharing:</source>
        <translation>Wijzigingen voor het delen:</translation>
    </message>
    <message>
        <source>Nothing replaced: no names, e-mail addresses or handles found.</source>
        <translation>Niets vervangen: geen namen, e-mailadressen of gebruikersnamen gevonden.</translation>
    </message>
    <message>
        <source>Address removed because it names someone: %1</source>
        <translation>Adres verwijderd omdat het iemand noemt: %1</translation>
    </message>
    <message>
        <source>‘%1’ → %2</source>
        <translation>‘%1’ → %2</translation>
    </message>
    <message>
        <source>the subject</source>
        <translation>het onderwerp</translation>
    </message>
    <message>
        <source>‘%1’ → %2 (in %3)</source>
        <translation>‘%1’ → %2 (in %3)</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Sneltoetsen</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Toetsen</translation>
    </message>
    <message>
        <source>(menu only)</source>
        <translation>(alleen via het menu)</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Signing in…</source>
        <translation>Bezig met aanmelden…</translation>
    </message>
    <message>
        <source>This address sends you on to %1, which is not the same site. Check the address; if that is your Moodle site, type its address yourself.</source>
        <translation>Dit adres stuurt u door naar %1, en dat is niet dezelfde site. Controleer het adres; is dat uw Moodle-site, typ dan zelf dat adres.</translation>
    </message>
    <message>
        <source>This address answers only https; use %1?</source>
        <translation>Dit adres antwoordt alleen via https; %1 gebruiken?</translation>
    </message>
    <message>
        <source>The site moved to %1; use that address?</source>
        <translation>De site is verhuisd naar %1; dat adres gebruiken?</translation>
    </message>
    <message>
        <source>The site has another address</source>
        <translation>De site heeft een ander adres</translation>
    </message>
    <message>
        <source>This is a learner&apos;s account</source>
        <translation>Dit is een account van een cursist</translation>
    </message>
    <message>
        <source>This account is not a teacher, non-editing teacher or manager in any of its %1 courses. Moderator Desk will show the forums as a learner sees them: other learners&apos; posts count as waiting, private replies and other groups stay hidden, and locking, pinning and deleting are refused. If you moderate, sign in with your teacher account.</source>
        <translation>Dit account is in geen van zijn %1 cursussen leraar, niet-bewerkende leraar of manager. Moderator Desk toont de forums zoals een cursist ze ziet: berichten van andere cursisten tellen als wachtend, privéantwoorden en andere groepen blijven verborgen, en vergrendelen, vastzetten en verwijderen worden geweigerd. Modereert u, meld u dan aan met uw docentenaccount.</translation>
    </message>
    <message>
        <source>Moderator Desk: sign in</source>
        <translation>Moderator Desk: aanmelden</translation>
    </message>
    <message>
        <source>Enter the address of your Moodle site.</source>
        <translation>Vul het adres van je Moodle-site in.</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>Vul je gebruikersnaam en wachtwoord in.</translation>
    </message>
    <message>
        <source>Checking the site…</source>
        <translation>De site wordt gecontroleerd…</translation>
    </message>
    <message>
        <source>Moodle site found. Signing in…</source>
        <translation>Moodle-site gevonden. Bezig met aanmelden…</translation>
    </message>
    <message>
        <source>Starting the demo site…</source>
        <translation>De demosite wordt gestart…</translation>
    </message>
    <message>
        <source>Fetching the demo&apos;s courses and posts…</source>
        <translation>Cursussen en berichten van de demo ophalen…</translation>
    </message>
    <message>
        <source>The demo could not start. %1</source>
        <translation>De demo kon niet starten. %1</translation>
    </message>
    <message>
        <source>Signed in to %1.</source>
        <translation>Aangemeld bij %1.</translation>
    </message>
    <message>
        <source>Sign-in kept for this session only</source>
        <translation>Aanmelding alleen voor deze sessie bewaard</translation>
    </message>
    <message>
        <source>Your computer has no password store (keyring) that Moderator Desk can use, so your sign-in is kept only while the app is open. You will be asked to sign in again next time.</source>
        <translation>Je computer heeft geen wachtwoordkluis (keyring) die Moderator Desk kan gebruiken. Je aanmelding blijft daarom alleen bewaard zolang de app open is; de volgende keer moet je je opnieuw aanmelden.</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <source>Sign in to your Moodle site</source>
        <translation>Meld je aan bij je Moodle-site</translation>
    </message>
    <message>
        <source>Use the address you open in your browser and your usual Moodle username and password. Moderator Desk keeps only a sign-in token, never your password.</source>
        <translation>Gebruik het adres dat je in je browser opent, met je gewone gebruikersnaam en wachtwoord voor Moodle. Moderator Desk bewaart alleen een aanmeldsleutel (token), nooit je wachtwoord.</translation>
    </message>
    <message>
        <source>Site &amp;address:</source>
        <translation>&amp;Siteadres:</translation>
    </message>
    <message>
        <source>https://moodle.example.org</source>
        <translation>https://moodle.voorbeeld.nl</translation>
    </message>
    <message>
        <source>Site address</source>
        <translation>Siteadres</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Gebruikersnaam:</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Gebruikersnaam</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Wachtwoord:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>Checking the site…</source>
        <translation>De site wordt gecontroleerd…</translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation>Probeer de &amp;demo</translation>
    </message>
    <message>
        <source>Open a built-in demo site with Dutch courses and waiting posts; nothing leaves your computer.</source>
        <translation>Open een ingebouwde demosite met Nederlandse cursussen en wachtende berichten; er gaat niets van je computer naar buiten.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Aanmelden</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <source>Snooze</source>
        <translation>Uitstellen</translation>
    </message>
    <message>
        <source>For an hour</source>
        <translation>Een uur</translation>
    </message>
    <message>
        <source>Until tomorrow 9:00</source>
        <translation>Tot morgen 9:00</translation>
    </message>
    <message>
        <source>Until next week (Monday 9:00)</source>
        <translation>Tot volgende week (maandag 9:00)</translation>
    </message>
    <message>
        <source>Hide this discussion from the queue until:</source>
        <translation>Verberg deze discussie in de wachtrij tot:</translation>
    </message>
    <message>
        <source>Until a moment I choose:</source>
        <translation>Tot een moment dat ik kies:</translation>
    </message>
</context>
<context>
    <name>StoreProblem</name>
    <message>
        <source>Its window has been brought to the front.</source>
        <translation>Het venster ervan staat nu vooraan.</translation>
    </message>
    <message>
        <source>Switch to its window, or wait until its sync in the terminal ends, then try again.</source>
        <translation>Ga naar dat venster, of wacht tot de synchronisatie in de terminal klaar is, en probeer het dan opnieuw.</translation>
    </message>
    <message>
        <source>Moderator Desk</source>
        <translation>Moderator Desk</translation>
    </message>
    <message>
        <source>Moderator Desk is already open for this account.</source>
        <translation>Moderator Desk is al geopend voor dit account.</translation>
    </message>
    <message>
        <source>Start a fresh database (the old file is kept as %1)</source>
        <translation>Een nieuwe database beginnen (het oude bestand blijft bewaard als %1)</translation>
    </message>
    <message>
        <source>A fresh database fetches your courses again at the next sync. Drafts, the outbox and consent records that were only in the old file stay in it.</source>
        <translation>Een nieuwe database haalt je cursussen opnieuw op bij de volgende synchronisatie. Concepten, de outbox en toestemmingen die alleen in het oude bestand stonden, blijven daarin bewaard.</translation>
    </message>
    <message>
        <source>This database is from a newer Moderator Desk</source>
        <translation>Deze database komt van een nieuwere Moderator Desk</translation>
    </message>
    <message>
        <source>The database of this account (%1) was written by a newer version of Moderator Desk. Update Moderator Desk to open it; the file has not been changed.</source>
        <translation>De database van dit account (%1) is geschreven door een nieuwere versie van Moderator Desk. Werk Moderator Desk bij om hem te openen; het bestand is niet gewijzigd.</translation>
    </message>
    <message>
        <source>The database cannot be read</source>
        <translation>De database kan niet worden gelezen</translation>
    </message>
    <message>
        <source>The database of this account (%1) is damaged or is not a Moderator Desk database. It has not been changed.</source>
        <translation>De database van dit account (%1) is beschadigd of is geen database van Moderator Desk. Het bestand is niet gewijzigd.</translation>
    </message>
    <message>
        <source>The data folder cannot be written to</source>
        <translation>Er kan niet in de gegevensmap worden geschreven</translation>
    </message>
    <message>
        <source>Moderator Desk cannot write to its data folder (%1).</source>
        <translation>Moderator Desk kan niet schrijven in zijn gegevensmap (%1).</translation>
    </message>
    <message>
        <source>Check the folder&apos;s permissions and the free disk space, or start Moderator Desk with --data-dir and another folder.</source>
        <translation>Controleer de rechten van de map en de vrije schijfruimte, of start Moderator Desk met --data-dir en een andere map.</translation>
    </message>
    <message>
        <source>The database cannot be used</source>
        <translation>De database kan niet worden gebruikt</translation>
    </message>
    <message>
        <source>The database of this account (%1) cannot be used.</source>
        <translation>De database van dit account (%1) kan niet worden gebruikt.</translation>
    </message>
    <message>
        <source>The details are in the log file.</source>
        <translation>De details staan in het logbestand.</translation>
    </message>
</context>
<context>
    <name>SyncJobs</name>
    <message>
        <source>The sync failed.</source>
        <translation>De synchronisatie is mislukt.</translation>
    </message>
    <message>
        <source>Offline: you see what is stored here; the outbox waits for the next sync.</source>
        <translation>Offline: je ziet wat hier is opgeslagen; het postvak uit wacht op de volgende synchronisatie.</translation>
    </message>
    <message>
        <source>Sync stopped.</source>
        <translation>Synchronisatie gestopt.</translation>
    </message>
    <message numerus="yes">
        <source>%n forum(s) could not be synced.</source>
        <translation>
            <numerusform>%n forum kon niet worden gesynchroniseerd.</numerusform>
            <numerusform>%n forums konden niet worden gesynchroniseerd.</numerusform>
        </translation>
    </message>
    <message>
        <source>Polls were not updated: %1</source>
        <translation>Peilingen zijn niet bijgewerkt: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n outbox item(s) need your attention.</source>
        <translation>
            <numerusform>%n item in het postvak uit vraagt je aandacht.</numerusform>
            <numerusform>%n items in het postvak uit vragen je aandacht.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Not synced yet</source>
        <translation>Nog niet gesynchroniseerd</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ Offline</translation>
    </message>
    <message>
        <source>Offline: everything local keeps working; replies wait in the outbox.</source>
        <translation>Offline: alles op deze computer blijft werken; antwoorden wachten in het postvak uit.</translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation>Laatste synchronisatie: nooit</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Laatste synchronisatie: %1</translation>
    </message>
    <message>
        <source>Outbox: %1</source>
        <translation>Postvak uit: %1</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %1 · %n scheduled</source>
        <translation>
            <numerusform>Postvak uit: %1 · %n gepland</numerusform>
            <numerusform>Postvak uit: %1 · %n gepland</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n post(s) scheduled: each goes out at the first sync after its time, while Moderator Desk is running.</source>
        <translation>
            <numerusform>%n bericht gepland: het gaat uit bij de eerste synchronisatie na het geplande tijdstip, zolang Moderator Desk openstaat.</numerusform>
            <numerusform>%n berichten gepland: elk gaat uit bij de eerste synchronisatie na het geplande tijdstip, zolang Moderator Desk openstaat.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replies and other changes waiting to be sent. Click to see them.</source>
        <translation>Antwoorden en andere wijzigingen die nog verstuurd moeten worden. Klik om ze te zien.</translation>
    </message>
    <message>
        <source>courses</source>
        <translation>cursussen</translation>
    </message>
    <message>
        <source>participants</source>
        <translation>deelnemers</translation>
    </message>
    <message>
        <source>forums</source>
        <translation>forums</translation>
    </message>
    <message>
        <source>discussions</source>
        <translation>discussies</translation>
    </message>
    <message>
        <source>posts</source>
        <translation>berichten</translation>
    </message>
    <message>
        <source>outbox</source>
        <translation>postvak uit</translation>
    </message>
    <message>
        <source>Syncing %1… %p%</source>
        <translation>Synchroniseren: %1… %p%</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>private reply</source>
        <translation>privéantwoord</translation>
    </message>
    <message>
        <source>has attachments (open it on the site)</source>
        <translation>heeft bijlagen (open het op de site)</translation>
    </message>
    <message>
        <source>This post was deleted.</source>
        <translation>Dit bericht is verwijderd.</translation>
    </message>
    <message>
        <source>This post is long: only its beginning is shown.</source>
        <translation>Dit bericht is lang: alleen het begin staat hier.</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Alles tonen</translation>
    </message>
    <message>
        <source>This post is longer than this computer keeps: the rest is on the site.</source>
        <translation>Dit bericht is langer dan deze computer bewaart: de rest staat op de site.</translation>
    </message>
    <message>
        <source>Read it on the site</source>
        <translation>Lees het op de site</translation>
    </message>
</context>
<context>
    <name>ThreadPane</name>
    <message>
        <source>Preparing a long thread…</source>
        <translation>Een lange discussie wordt klaargezet…</translation>
    </message>
    <message>
        <source>This thread could not be shown. Open it on the site.</source>
        <translation>Deze discussie kan niet getoond worden. Open haar op de site.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>This site only answers without encryption (http): your password would travel unprotected. If you trust this network, type the address with http:// in front.</source>
        <translation>Deze site antwoordt alleen zonder versleuteling (http): je wachtwoord zou onbeschermd over het netwerk gaan. Vertrouw je dit netwerk, typ het adres dan met http:// ervoor.</translation>
    </message>
    <message>
        <source>The site&apos;s certificate is not trusted by this computer. If your organisation uses its own certificate authority, ask for its certificate file and set REQUESTS_CA_BUNDLE to it before starting the app.</source>
        <translation>Deze computer vertrouwt het certificaat van de site niet. Gebruikt je organisatie een eigen certificaatautoriteit, vraag dan om het certificaatbestand en zet REQUESTS_CA_BUNDLE daarop voordat je de app start.</translation>
    </message>
    <message>
        <source>This address does not lead to a Moodle site. Check the address, for example https://moodle.example.org.</source>
        <translation>Dit adres leidt niet naar een Moodle-site. Controleer het adres, bijvoorbeeld https://moodle.voorbeeld.nl.</translation>
    </message>
    <message>
        <source>The site wants you to accept its policy first. Sign in once in your browser, accept the policy, then try again here.</source>
        <translation>De site vraagt je eerst het sitebeleid te accepteren. Meld je één keer aan in je browser, accepteer het beleid en probeer het hier daarna opnieuw.</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Please sign in again.</source>
        <translation>Je aanmelding is verlopen. Meld je opnieuw aan.</translation>
    </message>
    <message>
        <source>The username or password is not right.</source>
        <translation>De gebruikersnaam of het wachtwoord klopt niet.</translation>
    </message>
    <message>
        <source>This site does not allow the Moodle app. Ask the site&apos;s administrator to enable web services for mobile devices.</source>
        <translation>Deze site staat de Moodle-app niet toe. Vraag de beheerder van de site om webservices voor mobiele apparaten aan te zetten.</translation>
    </message>
    <message>
        <source>The Moderator Desk plugin is not installed on this site.</source>
        <translation>De Moderator Desk-plug-in is niet op deze site geïnstalleerd.</translation>
    </message>
    <message>
        <source>Web services are switched off on this site. Ask the site&apos;s administrator to enable them.</source>
        <translation>Webservices staan uit op deze site. Vraag de beheerder van de site om ze aan te zetten.</translation>
    </message>
    <message>
        <source>The site is down for maintenance. Please try again later.</source>
        <translation>De site is in onderhoud. Probeer het later nog eens.</translation>
    </message>
    <message>
        <source>The site cannot be reached. Check the address and your internet connection, then try again.</source>
        <translation>De site is niet bereikbaar. Controleer het adres en je internetverbinding en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>This site only accepts secure connections: use an https:// address.</source>
        <translation>Deze site accepteert alleen beveiligde verbindingen: gebruik een adres dat met https:// begint.</translation>
    </message>
    <message>
        <source>Use the site&apos;s own address, exactly as it appears in your browser.</source>
        <translation>Gebruik het eigen adres van de site, precies zoals het in je browser staat.</translation>
    </message>
    <message>
        <source>The site refused the request: %1</source>
        <translation>De site weigerde het verzoek: %1</translation>
    </message>
    <message>
        <source>You are not allowed to do this on this site.</source>
        <translation>Dit mag je niet doen op deze site.</translation>
    </message>
    <message>
        <source>This item no longer exists on the site.</source>
        <translation>Dit bestaat niet meer op de site.</translation>
    </message>
    <message>
        <source>The site answered in a way Moderator Desk does not understand.</source>
        <translation>De site gaf een antwoord dat Moderator Desk niet begrijpt.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. The details are in the log file.</source>
        <translation>Er ging onverwacht iets mis. De details staan in het logbestand.</translation>
    </message>
    <message>
        <source>The site was busy with the same poll or discussion. It is tried again at the next sync.</source>
        <translation>De site was bezig met dezelfde peiling of discussie. Bij de volgende synchronisatie wordt het opnieuw geprobeerd.</translation>
    </message>
    <message>
        <source>The poll made from this draft was deleted on the site, so it is not made again.</source>
        <translation>De peiling die van dit concept is gemaakt, is op de site verwijderd en wordt daarom niet opnieuw gemaakt.</translation>
    </message>
    <message>
        <source>This site does not keep its policies with Moodle&apos;s policy tool (tool_policy), so Moderator Desk cannot read who accepted them.</source>
        <translation>Deze site beheert haar beleid niet met Moodles beleidstool (tool_policy), dus Moderator Desk kan niet lezen wie het heeft geaccepteerd.</translation>
    </message>
    <message>
        <source>The Choice activity is switched off on this site. Ask the site&apos;s administrator to enable it.</source>
        <translation>De activiteit Keuze staat uit op deze site. Vraag de beheerder van de site om haar aan te zetten.</translation>
    </message>
    <message>
        <source>The site&apos;s front page cannot be used for this: choose a course.</source>
        <translation>De voorpagina van de site kan hiervoor niet worden gebruikt: kies een cursus.</translation>
    </message>
    <message>
        <source>The course has no section with that number.</source>
        <translation>De cursus heeft geen sectie met dat nummer.</translation>
    </message>
    <message>
        <source>The poll closes before it opens: set a later closing time.</source>
        <translation>De peiling sluit voordat ze opent: kies een latere sluitingstijd.</translation>
    </message>
    <message>
        <source>With limited answers every option needs room for at least one answer.</source>
        <translation>Met een beperkt aantal antwoorden moet elke optie ruimte hebben voor minstens één antwoord.</translation>
    </message>
    <message>
        <source>You can only see the groups you are in.</source>
        <translation>Je kunt alleen de groepen zien waarin je zelf zit.</translation>
    </message>
</context>
<context>
    <name>excepthook</name>
    <message>
        <source>Moderator Desk: an error</source>
        <translation>Moderator Desk: er ging iets mis</translation>
    </message>
    <message>
        <source>Something went wrong that Moderator Desk did not expect. Your data is safe; you can keep working. If it happens again, please send the details below to the developers.</source>
        <translation>Er ging iets mis dat Moderator Desk niet verwachtte. Je gegevens zijn veilig en je kunt gewoon doorwerken. Gebeurt het nog eens, stuur de details hieronder dan naar de ontwikkelaars.</translation>
    </message>
    <message>
        <source>Log file: %1</source>
        <translation>Logbestand: %1</translation>
    </message>
</context>
<context>
    <name>PolicyBanner</name>
    <message>
        <source>Read the policy</source>
        <translation>Lees het beleid</translation>
    </message>
    <message>
        <source>I accept the policy</source>
        <translation>Ik accepteer het beleid</translation>
    </message>
    <message>
        <source>Open the site to accept</source>
        <translation>Open de site om te accepteren</translation>
    </message>
    <message>
        <source>The site shows you no courses until you accept its policy. Read it, then accept it here.</source>
        <translation>De site toont je geen cursussen tot je het beleid accepteert. Lees het en accepteer het dan hier.</translation>
    </message>
    <message>
        <source>The site shows you no courses until you accept its policy. Accept it on the site in your browser, then sync again.</source>
        <translation>De site toont je geen cursussen tot je het beleid accepteert. Accepteer het op de site in je browser en synchroniseer dan opnieuw.</translation>
    </message>
</context>
<context>
    <name>SsoPanel</name>
    <message>
        <source>Sign in in the &amp;browser</source>
        <translation>Aanmelden in de &amp;browser</translation>
    </message>
    <message>
        <source>For sites that sign you in with your school or company account (SSO).</source>
        <translation>Voor sites waar u zich aanmeldt met uw school- of bedrijfsaccount (SSO).</translation>
    </message>
    <message>
        <source>QR code from the &amp;clipboard</source>
        <translation>QR-code van het &amp;klembord</translation>
    </message>
    <message>
        <source>QR code from a &amp;screenshot…</source>
        <translation>QR-code uit een &amp;schermafbeelding…</translation>
    </message>
    <message>
        <source>Paste the address your browser was sent to (it starts with moodlemobile://token=; if the browser says it cannot open it, copy it from the address bar or that message):</source>
        <translation>Plak het adres waar uw browser naartoe werd gestuurd (het begint met moodlemobile://token=; zegt de browser dat hij het niet kan openen, kopieer het dan uit de adresbalk of uit die melding):</translation>
    </message>
    <message>
        <source>Address the browser was sent to</source>
        <translation>Adres waar de browser naartoe werd gestuurd</translation>
    </message>
    <message>
        <source>&amp;Finish sign-in</source>
        <translation>Aanmelden &amp;afronden</translation>
    </message>
    <message>
        <source>Site: %1</source>
        <translation>Site: %1</translation>
    </message>
    <message>
        <source>The site is in maintenance mode. Try again later.</source>
        <translation>De site is in onderhoud. Probeer het later opnieuw.</translation>
    </message>
    <message>
        <source>Web services are switched off on this site: its administrator must enable them before Moderator Desk (or the Moodle app) can sign in.</source>
        <translation>Webservices staan uit op deze site: de beheerder moet ze inschakelen voordat Moderator Desk (of de Moodle-app) zich kan aanmelden.</translation>
    </message>
    <message>
        <source>This site does not let the Moodle app in: its administrator must switch on &apos;Enable web services for mobile devices&apos;.</source>
        <translation>Deze site laat de Moodle-app niet toe: de beheerder moet &apos;Webservices voor mobiele apparaten inschakelen&apos; aanzetten.</translation>
    </message>
    <message>
        <source>Sign in with %1</source>
        <translation>Aanmelden met %1</translation>
    </message>
    <message>
        <source>No browser could be opened. Open this address yourself: %1</source>
        <translation>Er kon geen browser worden geopend. Open zelf dit adres: %1</translation>
    </message>
    <message>
        <source>The clipboard holds no image: copy the QR code of your profile page (or a screenshot of it) first.</source>
        <translation>Het klembord bevat geen afbeelding: kopieer eerst de QR-code van uw profielpagina (of een schermafbeelding ervan).</translation>
    </message>
    <message>
        <source>That file is not an image.</source>
        <translation>Dat bestand is geen afbeelding.</translation>
    </message>
    <message>
        <source>This address was not made for a sign-in started here, or it was used already or is too old. Click &apos;Sign in in the browser&apos; again.</source>
        <translation>Dit adres hoort niet bij een aanmelding die hier is gestart, of het is al gebruikt of te oud. Klik opnieuw op &apos;Aanmelden in de browser&apos;.</translation>
    </message>
    <message>
        <source>That is not the address the site sends the app to: it starts with moodlemobile://token= (or another app&apos;s name, when the site sends people to its own branded app).</source>
        <translation>Dat is niet het adres waarmee de site de app opent: het begint met moodlemobile://token= (of met de naam van een andere app, als de site mensen naar een eigen app stuurt).</translation>
    </message>
    <message>
        <source>The address is damaged: copy it whole.</source>
        <translation>Het adres is beschadigd: kopieer het helemaal.</translation>
    </message>
    <message>
        <source>No QR code was found in that image.</source>
        <translation>In die afbeelding staat geen QR-code.</translation>
    </message>
    <message>
        <source>That image could not be read.</source>
        <translation>Die afbeelding kon niet worden gelezen.</translation>
    </message>
    <message>
        <source>That QR code is not a Moodle app code.</source>
        <translation>Die QR-code is geen code voor de Moodle-app.</translation>
    </message>
    <message>
        <source>This QR code holds only the site&apos;s address, not a sign-in: the site&apos;s administrator has not switched on &apos;QR code with automatic login&apos;. Sign in in the browser instead.</source>
        <translation>Deze QR-code bevat alleen het adres van de site, geen aanmelding: de beheerder heeft &apos;QR-code met automatische aanmelding&apos; niet aangezet. Meld u in plaats daarvan aan in de browser.</translation>
    </message>
    <message>
        <source>This QR code is for another site than the one you entered.</source>
        <translation>Deze QR-code hoort bij een andere site dan die u invoerde.</translation>
    </message>
    <message>
        <source>This site does not allow signing in with a QR code.</source>
        <translation>Deze site staat aanmelden met een QR-code niet toe.</translation>
    </message>
    <message>
        <source>The QR code was used already or is too old: reload your profile page and copy the new one.</source>
        <translation>De QR-code is al gebruikt of te oud: laad uw profielpagina opnieuw en kopieer de nieuwe.</translation>
    </message>
    <message>
        <source>The site accepts the QR code only from the network the profile page was opened on: open it on this computer.</source>
        <translation>De site accepteert de QR-code alleen vanaf het netwerk waarop de profielpagina werd geopend: open die op deze computer.</translation>
    </message>
    <message>
        <source>Site administrators cannot sign in with a QR code: sign in in the browser.</source>
        <translation>Sitebeheerders kunnen zich niet aanmelden met een QR-code: meld u aan in de browser.</translation>
    </message>
    <message>
        <source>QR sign-in works only on sites with https.</source>
        <translation>Aanmelden met een QR-code werkt alleen op sites met https.</translation>
    </message>
    <message>
        <source>The QR code of your profile page</source>
        <translation>De QR-code van uw profielpagina</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Afbeeldingen (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
</context>
</TS>
