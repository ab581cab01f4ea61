using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.CognitoIdentityProvider.Users;
using Verdict.Protocol;

namespace Verdict.CognitoIdentityProvider.Groups;

/// <summary>
/// CreateGroup, GetGroup, UpdateGroup, ListGroups, DeleteGroup, AdminAddUserToGroup, AdminRemoveUserFromGroup,
/// AdminListGroupsForUser, ListUsersInGroup.
/// </summary>
public sealed class GroupOperations(ICognitoStorage storage, PoolResolver resolver, UserDirectory users, TimeProvider time)
{
    public void Register(OperationTable table)
    {
        table.Add("CreateGroup", CreateAsync);
        table.Add("GetGroup", GetAsync);
        table.Add("UpdateGroup", UpdateAsync);
        table.Add("ListGroups", ListAsync);
        table.Add("DeleteGroup", DeleteAsync);
        table.Add("AdminAddUserToGroup", AddUserAsync);
        table.Add("AdminRemoveUserFromGroup", RemoveUserAsync);
        table.Add("AdminListGroupsForUser", ListForUserAsync);
        table.Add("ListUsersInGroup", ListUsersAsync);
    }

    private async ValueTask<AwsResult> CreateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var (pool, error) = await resolver.PoolAsync(request, input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return error!;
        }

        var now = time.GetUtcNow();
        var group = new GroupRecord(pool.UserPoolId, input.String("GroupName")!, input.String("Description"), input.String("RoleArn"), input.Int("Precedence"), now, now);
        if (!await storage.CreateGroupAsync(group, cancellationToken).ConfigureAwait(false))
        {
            return CognitoErrors.GroupExists($"A group with the name {group.GroupName} already exists.");
        }

        return Ok(new JsonObject { ["Group"] = GroupType(group) });
    }

    private async ValueTask<AwsResult> GetAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (group, error) = await GroupAsync(request, cancellationToken).ConfigureAwait(false);
        return group is null ? error! : Ok(new JsonObject { ["Group"] = GroupType(group) });
    }

    private async ValueTask<AwsResult> UpdateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (group, error) = await GroupAsync(request, cancellationToken).ConfigureAwait(false);
        if (group is null)
        {
            return error!;
        }

        var input = request.Input;
        group = group with
        {
            Description = input.String("Description") ?? group.Description,
            RoleArn = input.String("RoleArn") ?? group.RoleArn,
            Precedence = input.Int("Precedence") ?? group.Precedence,
            UpdatedAt = time.GetUtcNow(),
        };
        await storage.UpdateGroupAsync(group, cancellationToken).ConfigureAwait(false);
        return Ok(new JsonObject { ["Group"] = GroupType(group) });
    }

    private async ValueTask<AwsResult> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (pool, error) = await resolver.PoolAsync(request, request.Input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return error!;
        }

        var groups = await storage.ListGroupsAsync(pool.UserPoolId, cancellationToken).ConfigureAwait(false);
        return GroupPage(request, groups);
    }

    private async ValueTask<AwsResult> DeleteAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (group, error) = await GroupAsync(request, cancellationToken).ConfigureAwait(false);
        if (group is null)
        {
            return error!;
        }

        await storage.DeleteGroupAsync(group.UserPoolId, group.GroupName, cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private async ValueTask<AwsResult> AddUserAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (user, group, error) = await UserAndGroupAsync(request, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        await storage.AddUserToGroupAsync(group!.UserPoolId, group.GroupName, user!.Username, cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private async ValueTask<AwsResult> RemoveUserAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (user, group, error) = await UserAndGroupAsync(request, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        await storage.RemoveUserFromGroupAsync(group!.UserPoolId, group.GroupName, user!.Username, cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private async ValueTask<AwsResult> ListForUserAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (pool, error) = await resolver.PoolAsync(request, request.Input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return error!;
        }

        var user = await users.FindAsync(pool, request.Input.String("Username")!, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return CognitoErrors.UserNotFound();
        }

        var groups = await storage.ListGroupsForUserAsync(pool.UserPoolId, user.Username, cancellationToken).ConfigureAwait(false);
        return GroupPage(request, groups);
    }

    private async ValueTask<AwsResult> ListUsersAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (group, error) = await GroupAsync(request, cancellationToken).ConfigureAwait(false);
        if (group is null)
        {
            return error!;
        }

        var members = await storage.ListUsersInGroupAsync(group.UserPoolId, group.GroupName, cancellationToken).ConfigureAwait(false);
        if (Paging.Slice(members, u => u.Username, request.Input.String("NextToken"), Limit(request)) is not { } page)
        {
            return CognitoErrors.InvalidParameter("Invalid pagination token.");
        }

        var list = new JsonArray();
        foreach (var user in page.Page)
        {
            list.Add(UserAttributes.UserType(user));
        }

        var output = new JsonObject { ["Users"] = list };
        if (page.NextToken is not null)
        {
            output["NextToken"] = page.NextToken;
        }

        return Ok(output);
    }

    private static AwsResult GroupPage(AwsRequest request, IReadOnlyList<GroupRecord> groups)
    {
        if (Paging.Slice(groups, g => g.GroupName, request.Input.String("NextToken"), Limit(request)) is not { } page)
        {
            return CognitoErrors.InvalidParameter("Invalid pagination token.");
        }

        var list = new JsonArray();
        foreach (var group in page.Page)
        {
            list.Add(GroupType(group));
        }

        var output = new JsonObject { ["Groups"] = list };
        if (page.NextToken is not null)
        {
            output["NextToken"] = page.NextToken;
        }

        return Ok(output);
    }

    private async ValueTask<(GroupRecord? Group, AwsError? Error)> GroupAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (pool, error) = await resolver.PoolAsync(request, request.Input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return (null, error);
        }

        var group = await storage.GetGroupAsync(pool.UserPoolId, request.Input.String("GroupName")!, cancellationToken).ConfigureAwait(false);
        return group is null ? (null, CognitoErrors.GroupNotFound()) : (group, null);
    }

    private async ValueTask<(UserRecord? User, GroupRecord? Group, AwsError? Error)> UserAndGroupAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (pool, error) = await resolver.PoolAsync(request, request.Input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return (null, null, error);
        }

        var user = await users.FindAsync(pool, request.Input.String("Username")!, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return (null, null, CognitoErrors.UserNotFound());
        }

        var group = await storage.GetGroupAsync(pool.UserPoolId, request.Input.String("GroupName")!, cancellationToken).ConfigureAwait(false);
        return group is null ? (null, null, CognitoErrors.GroupNotFound()) : (user, group, null);
    }

    private static int Limit(AwsRequest request) => request.Input.Int("Limit") is { } limit and > 0 ? limit : 60;

    private static JsonObject GroupType(GroupRecord group)
    {
        var output = new JsonObject { ["GroupName"] = group.GroupName, ["UserPoolId"] = group.UserPoolId };
        if (group.Description is not null)
        {
            output["Description"] = group.Description;
        }

        if (group.RoleArn is not null)
        {
            output["RoleArn"] = group.RoleArn;
        }

        if (group.Precedence is not null)
        {
            output["Precedence"] = group.Precedence;
        }

        output["LastModifiedDate"] = Timestamps.ToEpochSeconds(group.UpdatedAt);
        output["CreationDate"] = Timestamps.ToEpochSeconds(group.CreatedAt);
        return output;
    }

    private static AwsResult Ok(JsonObject output) => AwsResult.Ok(output, CognitoJson.Default.JsonObject);
}
