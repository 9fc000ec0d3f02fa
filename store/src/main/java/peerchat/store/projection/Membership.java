package peerchat.store.projection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.GroupStamp;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;

/**
 * Who is known, who is online and who is in which group, rebuilt from the log.
 *
 * <p>Users are this node (its latest {@code IdentityCreated}), every peer seen, every sender of
 * a membership change (named by its short id until seen), and every user a peer told of
 * ({@code UserHeard}). Everyone is in {@code all}. A group exists once a CREATE or JOIN for it was
 * sent or delivered here, or heard of (concurrent creates of one name are one group); a user's
 * membership of a group is its last own CREATE/JOIN/LEAVE, the one with the highest seq (its
 * clock) of those known here, whether it came from the user or was passed on by a peer
 * ({@link GroupStamp}). A newcomer so learns who is in a group from the first peer it meets, and
 * its messages to the group reach members it has not met (they keep copies for those away). Presence
 * is not durable: after replay every peer is offline until it connects in this run.
 *
 * <p>A user this node's user forgot ({@code -forget}) is in no list and no group, {@code all}
 * included, until it is seen again in a handshake; {@link #user} still names it, for its messages
 * in the history, and what it changes meanwhile (its groups, its name) is kept.
 *
 * <p>Thread-safe: updated by the log's writer thread, read from any thread; queries return
 * immutable snapshots.
 */
public final class Membership {
    private static final Comparator<UserInfo> BY_NAME =
            Comparator.comparing((UserInfo u) -> u.name().toLowerCase(Locale.ROOT)).thenComparing(UserInfo::id);

    private static final class Known {
        String name;
        /** Whether {@link #name} is one the user gave, not the placeholder of a user only named in a message so far. */
        boolean named;
        /** The name before the last change of it, if it had a given one before. */
        String formerName;
        String address;
        String publicKey;
        /** When a link to it last came up or went down (epoch ms); 0: never linked. */
        long lastLinked;
        /** The latest time a peer told of when anyone last had a link to it (epoch ms); 0: none told. */
        long heardSeen;
        /** {@link #name} is one a peer told of, not one the user gave here (a handshake, a rename message). */
        boolean nameHeard;
        /** Forgotten by this node's user since it was last seen. */
        boolean forgotten;

        Known(String name) {
            this.name = name;
        }

        void name(String given) {
            if (named && !name.equals(given)) {
                formerName = name;
            }
            name = given;
            named = true;
            nameHeard = false;
        }

        /**
         * Whether a name a peer told of, with when anyone it knows of last had a link to the user,
         * is the one to show: until the user gives one here, the freshest told (a rename reaches
         * only those its sender knew: someone told of the user before is told of the new name by
         * whoever saw them since).
         */
        boolean takesHeard(String told, long seen) {
            return told != null && !told.equals(name) && (!named || nameHeard && seen >= heardSeen);
        }
    }

    private final Map<NodeId, Known> users = new HashMap<>();
    private final Set<NodeId> online = new HashSet<>();
    private final Map<GroupName, Set<NodeId>> groups = new TreeMap<>();
    /** Per group, each user's newest own CREATE/JOIN/LEAVE known here, left ones included: an older one heard later changes nothing. */
    private final Map<GroupName, Map<NodeId, GroupStamp>> stamps = new HashMap<>();
    private NodeId self;

    synchronized void identity(Event.IdentityCreated e) {
        self = e.id();
        Known k = known(e.id());
        k.name(e.name());
        k.publicKey = e.publicKey();
    }

    synchronized void seen(Event.PeerSeen e) {
        Known k = known(e.id());
        k.forgotten = false;
        k.name(e.name());
        if (e.address() != null) {
            k.address = e.address();
        }
        if (e.publicKey() != null) {
            k.publicKey = e.publicKey();
        }
    }

    synchronized void connected(Event.PeerConnected e) {
        Known k = known(e.id());
        k.forgotten = false;
        k.lastLinked = Math.max(k.lastLinked, e.ts());
        online.add(e.id());
        if (e.address() != null) {
            users.get(e.id()).address = e.address();
        }
    }

    synchronized void disconnected(Event.PeerDisconnected e) {
        online.remove(e.id());
        Known k = users.get(e.id());
        if (k != null) {
            k.lastLinked = Math.max(k.lastLinked, e.ts());
        }
    }

    /**
     * Never this node itself, and only a user known: the log may hold a forget of anyone. Nor one
     * who connected since the node checked they were offline (the forget's time): they may connect
     * between that check and this entry, and someone online is not gone. By the time, not by
     * presence alone: presence is not logged at a stop, so a replay finds online whoever was
     * linked when an earlier run ended, and the forget of one of them was lost at every restart.
     */
    synchronized void forgotten(Event.UserForgotten e) {
        Known k = users.get(e.id());
        if (k != null && !e.id().equals(self) && !(online.contains(e.id()) && k.lastLinked >= e.ts())) {
            k.forgotten = true;
        }
    }

    /** Whether this node's user forgot {@code id} and it has not been seen since. */
    public synchronized boolean isForgotten(NodeId id) {
        Known k = users.get(id);
        return k != null && k.forgotten;
    }

    /** The users forgotten and not seen since, sorted by name. */
    public synchronized List<UserInfo> forgottenUsers() {
        List<UserInfo> result = new ArrayList<>();
        for (Map.Entry<NodeId, Known> e : users.entrySet()) {
            if (e.getValue().forgotten) {
                result.add(info(e.getKey()));
            }
        }
        result.sort(BY_NAME);
        return result;
    }

    /** When this node last had a link to {@code id}, up or going down (epoch ms); 0 if it never had. */
    public synchronized long lastLinked(NodeId id) {
        Known k = users.get(id);
        return k == null ? 0 : k.lastLinked;
    }

    /**
     * When anyone last had a link to {@code id}, as far as this node knows: itself, or a peer that
     * told of them (epoch ms; 0: no one it knows of ever did). What tells a user gone for good (a
     * reinstalled machine's old identity) from one away for a while, who was never met here.
     */
    public synchronized long lastSeen(NodeId id) {
        Known k = users.get(id);
        return k == null ? 0 : Math.max(k.lastLinked, k.heardSeen);
    }

    /**
     * A newer time a user was seen is news only when it is this much newer: it comes with every
     * roster of someone linked to them, and what it is for (gone for a month or not) needs no more.
     */
    public static final long SEEN_NEWS_MILLIS = 24L * 60 * 60 * 1000;

    /**
     * A message about {@code sender} itself took effect here (sent by this node, or delivered): a
     * change of its groups, or its new name. A name so told and one heard in a handshake
     * ({@link #seen}) are the same news by two roads; whichever is later in the log counts, and
     * once every message is in, the last is the newest: a node's messages are taken in the order it sent them.
     *
     * @return whether it changed what is known here: a change of groups older than one a peer
     *         passed on does not
     */
    synchronized boolean changed(MessageId id, Payload about) {
        NodeId sender = id.sender();
        Known k = known(sender);
        if (about instanceof Payload.Rename rename) {
            // What each rename changed from, for its notice, is the history's (History.rename).
            k.name(rename.name());
            return true;
        }
        Payload.Membership change = (Payload.Membership) about;
        GroupName group = change.group();
        if (group.isAll()) {
            return true; // everyone is in all, always
        }
        // A peer may have passed on a newer one of the sender's own before this one came.
        return stamped(sender, new GroupStamp(group, id.seq(), change.change() != Payload.Change.LEAVE));
    }

    /**
     * A peer told of a user ({@link #news}): known from now on (in {@code all}), under the name
     * heard if it gave none here yet and none fresher was heard, and in or out of groups by the stamps newer than
     * those known. Someone forgotten stays forgotten: only meeting them again brings them back.
     * What a user says of itself is never taken from others: this node's own entry is ignored.
     *
     * @return the stamps that changed something here
     */
    synchronized List<GroupStamp> heard(Event.UserHeard e) {
        if (e.id().equals(self)) {
            return List.of();
        }
        Known k = known(e.id());
        if (k.takesHeard(e.name(), e.seen())) {
            k.name(e.name());
            k.nameHeard = true;
        }
        k.heardSeen = Math.max(k.heardSeen, e.seen());
        List<GroupStamp> applied = new ArrayList<>();
        for (GroupStamp stamp : e.groups()) {
            if (stamped(e.id(), stamp)) {
                applied.add(stamp);
            }
        }
        return applied;
    }

    /** {@code user}'s place in a group as of {@code stamp}, unless a newer one is known: whether it was taken. */
    private boolean stamped(NodeId user, GroupStamp stamp) {
        Map<NodeId, GroupStamp> byUser = stamps.computeIfAbsent(stamp.group(), g -> new HashMap<>());
        GroupStamp last = byUser.get(user);
        if (last != null && last.seq() >= stamp.seq()) {
            return false;
        }
        byUser.put(user, stamp);
        if (stamp.member()) {
            groups.computeIfAbsent(stamp.group(), g -> new HashSet<>()).add(user);
        } else {
            Set<NodeId> members = groups.get(stamp.group());
            if (members != null) {
                members.remove(user);
            }
        }
        return true;
    }

    /**
     * What this node tells its peers of everyone it knows (itself included, the forgotten not):
     * each one's name, when anyone last had a link to them ({@code now} for those online and this
     * node itself) and newest stamp in every group it was ever in, so that a peer that missed
     * their joins (it came later, or was away) sends to them too. At most {@code maxUsers} users
     * and {@code maxStamps} stamps each, so that it fits in a frame.
     */
    public synchronized List<KnownUser> roster(int maxUsers, int maxStamps, long now) {
        Map<NodeId, List<GroupStamp>> byUser = new HashMap<>();
        stamps.forEach((group, users) -> users.forEach((id, stamp) -> byUser.computeIfAbsent(id, i -> new ArrayList<>()).add(stamp)));
        List<NodeId> ids = listed();
        ids.sort(null); // the same roster for the same knowledge, in whatever order it came
        List<KnownUser> out = new ArrayList<>();
        for (NodeId id : ids) {
            if (out.size() == maxUsers) {
                break;
            }
            Known k = users.get(id);
            List<GroupStamp> in = byUser.getOrDefault(id, new ArrayList<>());
            in.sort(Comparator.comparing(GroupStamp::group));
            long seen = isOnline(id) ? now : Math.max(k.lastLinked, k.heardSeen);
            out.add(new KnownUser(id, k.named ? k.name : null, seen, in.size() <= maxStamps ? in : in.subList(0, maxStamps)));
        }
        return out;
    }

    /**
     * What of {@code told}, passed on by {@code from}, is news here: the event to log, with only
     * the stamps newer than those known, or nothing when it says nothing new (the same roster
     * comes again with every handshake and every so often). Not about this node itself. What
     * {@code from} says of itself is taken as the rest: it is how a node met for the first time
     * learns the groups it is in (before rosters it sent its joins again, as new messages, whose
     * new numbers every roster then passed on as news to everyone).
     */
    public synchronized Optional<Event.UserHeard> news(NodeId from, KnownUser told, long ts) {
        if (told.id().equals(self)) {
            return Optional.empty();
        }
        Known k = users.get(told.id());
        boolean newUser = k == null;
        boolean newName = !newUser && k.takesHeard(told.name(), told.seen());
        boolean seenSince = !newUser && told.seen() - Math.max(k.lastLinked, k.heardSeen) > SEEN_NEWS_MILLIS;
        List<GroupStamp> newer = new ArrayList<>();
        for (GroupStamp stamp : told.groups()) {
            GroupStamp last = stamps.getOrDefault(stamp.group(), Map.of()).get(told.id());
            if (last == null || last.seq() < stamp.seq()) {
                newer.add(stamp);
            }
        }
        if (!newUser && !newName && !seenSince && newer.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Event.UserHeard(told.id(), told.name(), from, told.seen(), newer, ts));
    }

    /** Presence is not durable: called once the replay of a restarted node is over. */
    synchronized void everyoneOffline() {
        online.clear();
    }

    private Known known(NodeId id) {
        return users.computeIfAbsent(id, i -> new Known(i.shortForm()));
    }

    public synchronized Optional<NodeId> self() {
        return Optional.ofNullable(self);
    }

    /**
     * The name {@code id} had before it last changed, by a message or a handshake, if it had one
     * (not the placeholder of a user not met yet).
     */
    public synchronized Optional<String> formerName(NodeId id) {
        Known k = users.get(id);
        return k == null ? Optional.empty() : Optional.ofNullable(k.formerName);
    }

    public synchronized Optional<UserInfo> user(NodeId id) {
        return users.containsKey(id) ? Optional.of(info(id)) : Optional.empty();
    }

    /** Every known user not forgotten, sorted by name (case-insensitive), then id. */
    public synchronized List<UserInfo> users() {
        List<UserInfo> all = new ArrayList<>(users.size());
        for (NodeId id : listed()) {
            all.add(info(id));
        }
        all.sort(BY_NAME);
        return all;
    }

    public synchronized List<UserInfo> onlineUsers() {
        List<UserInfo> result = new ArrayList<>();
        for (NodeId id : listed()) {
            if (isOnline(id)) {
                result.add(info(id));
            }
        }
        result.sort(BY_NAME);
        return result;
    }

    /** Every group, {@code all} included, sorted by name. */
    public synchronized List<GroupInfo> groups() {
        List<GroupInfo> result = new ArrayList<>();
        result.add(group(GroupName.ALL).orElseThrow());
        for (GroupName name : groups.keySet()) {
            result.add(group(name).orElseThrow());
        }
        result.sort(Comparator.comparing(GroupInfo::name));
        return result;
    }

    public synchronized boolean exists(GroupName name) {
        return name.isAll() || groups.containsKey(name);
    }

    public synchronized Optional<GroupInfo> group(GroupName name) {
        if (!exists(name)) {
            return Optional.empty();
        }
        Set<NodeId> ids = name.isAll() ? users.keySet() : groups.get(name);
        List<UserInfo> members = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            if (!users.get(id).forgotten) {
                members.add(info(id));
            }
        }
        members.sort(BY_NAME);
        return Optional.of(new GroupInfo(name, members));
    }

    /** Members of {@code name}; empty when there is no such group. */
    public List<UserInfo> members(GroupName name) {
        return group(name).map(GroupInfo::members).orElse(List.of());
    }

    public synchronized boolean isMember(NodeId user, GroupName group) {
        Known k = users.get(user);
        if (k == null || k.forgotten) {
            return false;
        }
        return group.isAll() || groups.getOrDefault(group, Set.of()).contains(user);
    }

    /** Users whose name contains {@code text} (case-insensitive): exact matches, then prefixes, then the rest. */
    public List<UserInfo> findUsers(String text) {
        return Ranking.rank(users(), UserInfo::name, text);
    }

    /** Groups whose name contains {@code text} (case-insensitive): exact, then prefix, then the rest. */
    public List<GroupInfo> findGroups(String text) {
        return Ranking.rank(groups(), g -> g.name().value(), text);
    }

    private List<NodeId> listed() {
        List<NodeId> ids = new ArrayList<>(users.size());
        users.forEach((id, k) -> {
            if (!k.forgotten) {
                ids.add(id);
            }
        });
        return ids;
    }

    private boolean isOnline(NodeId id) {
        return id.equals(self) || online.contains(id);
    }

    private UserInfo info(NodeId id) {
        Known k = users.get(id);
        Set<GroupName> in = new TreeSet<>();
        in.add(GroupName.ALL);
        for (Map.Entry<GroupName, Set<NodeId>> g : groups.entrySet()) {
            if (g.getValue().contains(id)) {
                in.add(g.getKey());
            }
        }
        return new UserInfo(id, k.name, k.address, k.publicKey, isOnline(id), id.equals(self), new ArrayList<>(in));
    }

    /** Case-insensitive substring search, best matches first. */
    static final class Ranking {
        private Ranking() {
        }

        static <T> List<T> rank(List<T> sortedByName, Function<T, String> name, String text) {
            String needle = text.trim().toLowerCase(Locale.ROOT);
            List<T> exact = new ArrayList<>();
            List<T> prefix = new ArrayList<>();
            List<T> rest = new ArrayList<>();
            for (T item : sortedByName) {
                String hay = name.apply(item).toLowerCase(Locale.ROOT);
                if (hay.equals(needle)) {
                    exact.add(item);
                } else if (hay.startsWith(needle)) {
                    prefix.add(item);
                } else if (hay.contains(needle)) {
                    rest.add(item);
                }
            }
            exact.addAll(prefix);
            exact.addAll(rest);
            return exact;
        }
    }
}
