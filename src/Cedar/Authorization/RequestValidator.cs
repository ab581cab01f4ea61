using Cedar.Ast;
using Cedar.Schema;
using Cedar.Values;

namespace Cedar.Authorization;

/// <summary>
/// Checks a request against a schema as Cedar's request validation does: the action is declared, the principal and
/// resource types are in its <c>appliesTo</c> (and enum ids are declared), and the context has the declared type.
/// </summary>
public static class RequestValidator
{
    public static IReadOnlyList<string> Validate(Request request, ValidatorSchema schema)
    {
        var errors = new List<string>();
        if (!schema.Actions.TryGetValue(request.Action, out var action))
        {
            errors.Add("action `" + request.Action + "` does not exist in the supplied schema");
            return errors;
        }

        CheckEntity(request.Principal, "principal", action.HasAppliesTo ? action.PrincipalTypes : [], action, schema, errors);
        CheckEntity(request.Resource, "resource", action.HasAppliesTo ? action.ResourceTypes : [], action, schema, errors);
        if (!Conforms(request.Context, action.Context, schema))
        {
            errors.Add("context `" + request.Context + "` is not valid for `" + action.Uid + "`");
        }

        return errors;
    }

    /// <summary>Whether a value has a schema type (records: required attributes present, no undeclared ones unless open).</summary>
    public static bool Conforms(Value value, SchemaType type, ValidatorSchema? schema)
    {
        switch (type)
        {
            case PrimitiveType p:
                return p.Kind switch
                {
                    SchemaTypeKind.Bool => value is BoolValue,
                    SchemaTypeKind.Long => value is LongValue,
                    _ => value is StringValue,
                };
            case EntityRefType e:
                return value is EntityValue ev && ev.Uid.Type.Equals(e.EntityType) && EnumIdDeclared(ev.Uid, schema);
            case ExtensionType x:
                return value is ExtensionValue xv && xv.ExtensionName == Json.CedarValueJson.ExtensionName(x);
            case SetType s:
                if (value is not SetValue set)
                {
                    return false;
                }

                foreach (var item in set.Items)
                {
                    if (!Conforms(item, s.Element, schema))
                    {
                        return false;
                    }
                }

                return true;
            case RecordType r:
                if (value is not RecordValue rec)
                {
                    return false;
                }

                foreach (var (name, v) in rec.Attributes)
                {
                    if (r.Attributes.TryGetValue(name, out var attr))
                    {
                        if (!Conforms(v, attr.Type, schema))
                        {
                            return false;
                        }
                    }
                    else if (!r.AdditionalAttributes)
                    {
                        return false;
                    }
                }

                foreach (var (name, attr) in r.Attributes)
                {
                    if (attr.Required && !rec.ContainsKey(name))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static void CheckEntity(EntityUid uid, string role, IReadOnlyList<Name> allowed, ActionDefinition action, ValidatorSchema schema, List<string> errors)
    {
        if (!allowed.Contains(uid.Type))
        {
            errors.Add(role + " type `" + uid.Type + "` is not valid for `" + action.Uid + "`");
        }
        else if (!EnumIdDeclared(uid, schema))
        {
            errors.Add("entity `" + uid + "` is of an enumerated entity type, but `\"" + StringEscaper.Escape(uid.Id) + "\"` is not declared as a valid eid");
        }
    }

    private static bool EnumIdDeclared(EntityUid uid, ValidatorSchema? schema) =>
        schema is null || !schema.EntityTypes.TryGetValue(uid.Type, out var def) || def.EnumIds is null || def.EnumIds.Contains(uid.Id);
}
