namespace RootSeg.Analysis.Depth;

/// <summary>One depth profile: the images of one panel or tube taken on one date in one session.</summary>
/// <param name="Site">Panel or tube.</param>
/// <param name="Date">Date as given, or empty.</param>
/// <param name="Session">Session as given, or empty.</param>
public sealed record ProfileGroup(string Site, string Date, string Session) : IComparable<ProfileGroup>
{
    /// <summary>Orders by site, date, then session (ordinal).</summary>
    public int CompareTo(ProfileGroup? other)
    {
        if (other is null)
        {
            return 1;
        }
        var c = string.CompareOrdinal(Site, other.Site);
        c = c != 0 ? c : string.CompareOrdinal(Date, other.Date);
        return c != 0 ? c : string.CompareOrdinal(Session, other.Session);
    }
}
