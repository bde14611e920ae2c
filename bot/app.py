"""The composition root: builds the Application and registers every handler, in order."""

from __future__ import annotations

from telegram import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeDefault,
    Update,
)
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    PollHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot import reminders, texts
from bot.clock import Clock
from bot.context import BotData, Deps, RelanceApp, RelanceContext
from bot.conversation import Conversations
from bot.handlers import (
    actions,
    admins,
    answers,
    attendance,
    calendar,
    clusters,
    decisions,
    drafts,
    edits,
    followup,
    importing,
    meetings,
    membership,
    milestones,
    queries,
    records,
    reports,
    review,
    settings,
    system,
    tracker,
    votes,
)
from bot.ratelimit import SteadyRateLimiter
from bot.transport import AnswerTracking, telegram_requests
from bot.workers import Home, HomeRateLimiter, PerChatUpdates, Workers, off_loop
from storage.db import Database

# New messages only: an edited message is stopped earlier by system.ignore_edits.
_NEW = filters.UpdateType.MESSAGE


def build_application(
    *,
    token: str,
    db: Database,
    clock: Clock,
    default_timezone: str,
    base_url: str = "https://api.telegram.org/bot",
    base_file_url: str = "https://api.telegram.org/file/bot",
    request: BaseRequest | None = None,
    rate_limit: bool = True,
    sweep_every: float | None = reminders.SWEEP_EVERY,
) -> RelanceApp:
    """`request` replaces the HTTP transport (tests); `rate_limit` keeps Telegram's limits;
    `sweep_every` None leaves reminder sweeps to the caller (tests run them by hand)."""
    context_types = ContextTypes(context=RelanceContext, bot_data=BotData)
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .base_file_url(base_file_url)
        .context_types(context_types)
        .post_init(publish_commands)
    )
    # Handlers run on worker threads, one chat's updates in order (bot/workers.py): a
    # database call that waits stalls its update, not the bot. Their requests come back to
    # the bot's loop (`home`).
    home = Home()
    workers = Workers()
    builder = builder.concurrent_updates(PerChatUpdates(workers, home))
    # Every request but getUpdates goes through a transport that remembers the presses
    # answered (bot/transport.py): the error handler never answers one twice. By default the
    # two connections to Telegram share one TLS context, built once.
    updates: BaseRequest
    if request is None:
        request, updates = telegram_requests()
    else:
        updates = request
    transport = AnswerTracking(request, home)
    builder = builder.request(transport).get_updates_request(updates)
    if rate_limit:
        # PTB's AIORateLimiter (20 a minute per group, a 429 waited out and retried), with
        # its overall limit made steady: see bot/ratelimit.py for what was measured.
        limiter = SteadyRateLimiter(
            per_second=reminders.OVERALL_PER_SECOND, group_per_minute=20, max_retries=5
        )
        builder = builder.rate_limiter(HomeRateLimiter(limiter, home))
    app: RelanceApp = builder.build()  # type: ignore[assignment]
    app.bot_data.deps = Deps(
        db=db,
        clock=clock,
        default_timezone=default_timezone,
        conversations=Conversations(db),
        transport=transport,
    )
    register_handlers(app)
    for handler in app.handlers[0]:
        handler.callback = off_loop(workers, handler.callback)
    if sweep_every is not None:
        reminders.schedule_sweeps(app, sweep_every)
    return app


def register_handlers(app: RelanceApp) -> None:
    # -2: one log line per update, before anything can stop it.
    app.add_handler(TypeHandler(Update, system.log_update), group=-2)
    # -1: edited messages go no further.
    app.add_handler(TypeHandler(Update, system.ignore_edits), group=-1)

    # 0: commands, then buttons, then plain text answers to the bot's questions, then what
    # no handler took.
    commands = [
        ("start", clusters.start_command),
        ("aide", clusters.help_command),
        ("help", clusters.help_command),
        ("cluster", clusters.cluster_command),
        ("inviter", clusters.invite_command),
        ("organisation", clusters.organisation_command),
        ("membres", clusters.members_command),
        ("action", drafts.action_command),
        ("importer", importing.import_command),
        ("annuler", answers.cancel_command),  # /annuler 12, or the question in progress
        ("fait", actions.status_command),
        ("encours", actions.status_command),
        ("bloque", actions.status_command),
        ("reporter", edits.postpone_command),
        ("commenter", edits.comment_command),
        ("voir", actions.view_command),
        ("actions", queries.actions_command),
        ("retards", queries.late_command),
        ("mesactions", queries.mine_command),
        ("reunion", meetings.meeting_command),
        ("ordre_du_jour", meetings.agenda_command),
        ("echeance", milestones.milestone_command),
        ("echeances", milestones.calendar_command),
        ("parametres", settings.settings_command),
        # Meetings as records, decisions
        ("reunions", records.records_command),
        ("decision", decisions.decision_command),
        ("decisions", decisions.decisions_command),
        ("suivi", followup.followup_command),
        ("revue", review.review_command),  # the follow-up walked through in the meeting
        # Attendance and votes
        ("presences", attendance.presences_command),
        ("present", attendance.present_command),
        ("excuse", attendance.excuse_command),
        ("vote", votes.vote_command),
        # Membership
        ("retirer", membership.retire_command),  # someone leaves the cluster, confirmed
        # Documents
        ("exporter", tracker.export_command),  # the tracker as .xlsx
        ("compte_rendu", reports.minutes_command),  # the minutes of a held meeting (.docx)
        ("cr", reports.minutes_command),
        ("calendrier", calendar.calendar_command),  # the .ics of meetings and deadlines
    ]
    for name, callback in commands:
        app.add_handler(CommandHandler(name, callback, filters=_NEW))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, clusters.chat_migrated))
    # Promotions and demotions: the group's administrators are its coordinators.
    app.add_handler(ChatMemberHandler(admins.member_changed, ChatMemberHandler.ANY_CHAT_MEMBER))
    # a: under a card, r: under a reminder digest: the same checks, the same change.
    app.add_handler(CallbackQueryHandler(actions.card_button, pattern=r"^[ar]:"))
    app.add_handler(CallbackQueryHandler(queries.page_button, pattern=r"^l:"))
    app.add_handler(CallbackQueryHandler(answers.question_button, pattern=r"^n:"))
    app.add_handler(CallbackQueryHandler(importing.import_button, pattern=r"^i:"))
    app.add_handler(CallbackQueryHandler(meetings.meeting_button, pattern=r"^m:"))
    app.add_handler(CallbackQueryHandler(milestones.milestone_button, pattern=r"^e:"))
    app.add_handler(CallbackQueryHandler(settings.settings_button, pattern=r"^s:"))
    app.add_handler(CallbackQueryHandler(decisions.decision_button, pattern=r"^d:"))
    # u: the follow-up's pages, and opening it from a meeting's reminder.
    app.add_handler(CallbackQueryHandler(followup.followup_button, pattern=r"^u:"))
    app.add_handler(CallbackQueryHandler(review.review_button, pattern=r"^v:"))
    app.add_handler(CallbackQueryHandler(attendance.presence_button, pattern=r"^p:"))
    app.add_handler(CallbackQueryHandler(votes.vote_button, pattern=r"^o:"))
    # w: /retirer's confirmation, an organisation change an invitation asks for.
    app.add_handler(CallbackQueryHandler(membership.member_button, pattern=r"^w:"))
    # x: the preview of a tracker sent back.
    app.add_handler(CallbackQueryHandler(tracker.tracker_button, pattern=r"^x:"))
    app.add_handler(PollHandler(votes.poll_update))
    app.add_handler(CallbackQueryHandler(system.unknown_button))
    app.add_handler(MessageHandler(_NEW & filters.TEXT & ~filters.COMMAND, answers.text_answer))
    # A tracker sent back (.xlsx) before any other file, which /importer reads as minutes.
    xlsx = filters.Document.FileExtension("xlsx") | filters.Document.MimeType(tracker.XLSX_MIME)
    app.add_handler(MessageHandler(_NEW & xlsx, tracker.tracker_file))
    app.add_handler(MessageHandler(_NEW & filters.Document.ALL, importing.document))
    app.add_handler(MessageHandler(_NEW & filters.COMMAND, system.unknown_command))

    app.add_error_handler(system.on_error)


async def publish_commands(app: RelanceApp) -> None:
    """The French command menu; coordinator commands only where administrators see them."""
    everyone = [BotCommand(name, text) for name, text in texts.COMMANDS_ALL]
    coordinators = [BotCommand(name, text) for name, text in texts.COMMANDS_COORDINATORS]
    await app.bot.set_my_commands(everyone, scope=BotCommandScopeDefault())
    await app.bot.set_my_commands(
        coordinators + everyone, scope=BotCommandScopeAllChatAdministrators()
    )
